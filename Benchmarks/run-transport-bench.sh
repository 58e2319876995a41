#!/usr/bin/env bash
# The transport benchmark (issue 3's closing figures, issue 8 item 4).
#
# Starts nginx with TLS on a free 127.0.0.1 port (certificates from a throwaway CA made here), then
# measures, in one run and against the same server:
#   - GET /ping: CurlTransport.send (1, 4 and 16 concurrent tasks), a raw libcurl loop in C, the
#     curl CLI (one process, many URLs) and Python requests.Session;
#   - POST /oauth/v1/health_check: DuoWebClient.healthCheck() (1, 4, 16 concurrent callers) and
#     the same three references posting a body of the same size (without signing it);
#   - the `*-c1-exec` rows: the sequential runs again, with the calling task preferring
#     `CurlTransport.preferredTaskExecutor` (it runs on the transfer thread: no thread hand-offs);
#   - POST /ping, sequential: `post-reused-c1` marked idempotent (kept-alive connections) and
#     `post-once-c1` marked not idempotent (a new connection, TCP and TLS, for every request, as
#     for Duo's /auth, /token and /enroll): the difference is what sending those once costs;
# and prints a table with the rates, the ratios to raw libcurl and to curl, and what nginx saw:
# the number of TLS connections and requests per phase (reuse check).
#
# Usage: Benchmarks/run-transport-bench.sh   (env: COUNT=20000 BENCH_SECONDS=10 ROUNDS=3 SKIP_BUILD=1
#        ROWS=REGEX to run only the rows whose name matches, e.g. ROWS='^(raw-libcurl|transport-c1)',
#        BENCH_WRAP='perf stat ...' to run each program row under a wrapper)
# Only 127.0.0.1 traffic. nginx runs as the current user, in the foreground of a temporary
# directory, and is always stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/Benchmarks/TransportBench"
COUNT=${COUNT:-20000}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${ROUNDS:-3}

say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    say "installing nginx (Debian)"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y nginx-light >/dev/null 2>&1 \
        || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y nginx-light >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v openssl >/dev/null || { say "openssl is needed"; exit 1; }
command -v curl >/dev/null || { say "the curl CLI is needed"; exit 1; }
python3 -c 'import requests' 2>/dev/null || python3 -m pip install --quiet requests

WORK=$(mktemp -d "${TMPDIR:-/tmp}/duo-transport-bench.XXXXXX")
NGINX_PID=""
cleanup() {
    if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$NGINX_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- builds ------------------------------------------------------------------------------------
if [ -z "${SKIP_BUILD:-}" ]; then
    say "building TransportBench (release)"
    (cd "$BENCH" && swift build -c release >&2)
fi
SWIFT_BENCH="$BENCH/.build/release/TransportBench"
cc -O2 -o "$WORK/raw_curl" "$BENCH/raw_curl.c" -lcurl

# --- certificates: a throwaway CA and a server certificate for 127.0.0.1 -------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=swift-duo benchmark CA" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=127.0.0.1" -keyout "$WORK/server.key" -out "$WORK/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$WORK/ext.cnf"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial \
    -days 2 -extfile "$WORK/ext.cnf" -out "$WORK/server.pem" 2>/dev/null

# --- nginx -------------------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
USER_LINE=""
[ "$(id -u)" -eq 0 ] && USER_LINE="user $(id -un);"
cat > "$WORK/nginx.conf" <<EOF
$USER_LINE
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 256; }
http {
    # One line per request: which connection served it and its number on that connection.
    log_format bench '\$connection \$connection_requests \$status \$request_method \$uri';
    access_log $WORK/access.log bench;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    keepalive_requests 10000000;
    keepalive_timeout 65s;
    # Whole seconds of the current time, for Duo's response.timestamp.
    map \$msec \$epoch_seconds { "~^(?<whole>[0-9]+)\." \$whole; }
    server {
        listen 127.0.0.1:$PORT ssl;
        ssl_certificate $WORK/server.pem;
        ssl_certificate_key $WORK/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        default_type application/json;
        location = /ping { return 200 '{"stat":"OK","response":"pong"}'; }
        location = /oauth/v1/health_check {
            if (\$request_method != POST) { return 405; }
            return 200 '{"stat":"OK","response":{"timestamp":\$epoch_seconds}}';
        }
    }
}
EOF
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log" &
NGINX_PID=$!
BASE="https://127.0.0.1:$PORT"
for _ in $(seq 100); do
    curl -sf --cacert "$WORK/ca.pem" -o /dev/null "$BASE/ping" && break
    sleep 0.1
done
curl -sf --cacert "$WORK/ca.pem" -o /dev/null "$BASE/ping" || { say "nginx did not start:"; cat "$WORK/error.log" >&2; exit 1; }
say "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') on 127.0.0.1:$PORT (pid $NGINX_PID)"

# A form body the size of DuoWebClient's (client_id and a ~360-character HS512 assertion).
POST_BODY="client_id=DIBENCHMARK000000000&client_assertion=$(head -c 270 /dev/zero | tr '\0' 'x').$(head -c 86 /dev/zero | tr '\0' 'y')"

# --- measuring ---------------------------------------------------------------------------------
RESULTS="$WORK/results.txt"
: > "$RESULTS"
: > "$WORK/access.log"

# run NAME COMMAND...: runs one measurement; records its RESULT line and what nginx logged for it.
run() {
    local name=$1; shift
    local before after line
    [[ "$name" =~ ${ROWS:-.} ]] || return 0
    before=$(wc -l < "$WORK/access.log")
    say "  $name"
    local wrap=()
    # BENCH_WRAP (e.g. 'perf stat -e task-clock,context-switches -x, -o FILE --append') prefixes
    # the program rows; curl-cli rows are shell functions and run unwrapped.
    if [ -n "${BENCH_WRAP:-}" ] && [ "$(type -t "$1")" = file ]; then read -r -a wrap <<< "$BENCH_WRAP"; fi
    line=$("${wrap[@]}" "$@" | grep '^RESULT ' || true)
    [ -n "$line" ] || { say "    $name produced no result"; line="RESULT $name 0 0 0"; }
    after=$(wc -l < "$WORK/access.log")
    # connections used, requests logged, answers other than 200
    local stats
    stats=$(tail -n +"$((before + 1))" "$WORK/access.log" | head -n "$((after - before))" \
        | awk '{ seen[$1] = 1; n++; if ($3 != 200) bad++ } END { c = 0; for (k in seen) c++; printf "%d %d %d", c, n, bad + 0 }')
    echo "$line $stats" >> "$RESULTS"
}

# curl_cli NAME URL [POSTDATA]: one curl process, COUNT URLs from a config file, timed here.
curl_cli() {
    local name=$1 url=$2 data=${3:-}
    local config="$WORK/curl-$name.cfg"
    : > "$config"
    for _ in $(seq "$COUNT"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >> "$config"
    local args=(-s --fail --http1.1 --cacert "$WORK/ca.pem" -K "$config")
    [ -n "$data" ] && args+=(-H 'Content-Type: application/x-www-form-urlencoded' -H 'Expect:' --data-raw "$data")
    local started ended
    started=$(date +%s.%N)
    curl "${args[@]}" || { say "curl failed"; return 0; }
    ended=$(date +%s.%N)
    awk -v n="$COUNT" -v a="$started" -v b="$ended" -v name="$name" \
        'BEGIN { s = b - a; printf "RESULT %s %d %.3f %.0f\n", name, n, s, n / s }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "measuring ($ROUNDS rounds; each run: COUNT=$COUNT requests or at most ${SECONDS_PER_RUN}s)"
PING="$BASE/ping"
HEALTH="$BASE/oauth/v1/health_check"
CA="$WORK/ca.pem"

# The rows run one after another and the rounds repeat them, so that a burst of load from
# elsewhere on the machine hits every row alike; the table reports each row's median.
for round in $(seq "$ROUNDS"); do
    say " round $round"
    run raw-libcurl      "$WORK/raw_curl" "$PING" "$CA" "$COUNT" "$SECONDS_PER_RUN" raw-libcurl
    run curl-cli         curl_cli curl-cli "$PING"
    run requests         python3 "$BENCH/requests_bench.py" "$PING" "$CA" "$COUNT" "$SECONDS_PER_RUN" requests
    for c in 1 4 16; do
        run "transport-c$c" "$SWIFT_BENCH" transport --url "$PING" --ca "$CA" --concurrency "$c" \
            --count "$COUNT" --seconds "$SECONDS_PER_RUN" --name "transport-c$c"
    done
    run transport-c1-exec "$SWIFT_BENCH" transport --url "$PING" --ca "$CA" --concurrency 1 \
        --count "$COUNT" --seconds "$SECONDS_PER_RUN" --name transport-c1-exec --on-transport-executor
    run raw-libcurl-post "$WORK/raw_curl" "$HEALTH" "$CA" "$COUNT" "$SECONDS_PER_RUN" raw-libcurl-post "$POST_BODY"
    run curl-cli-post    curl_cli curl-cli-post "$HEALTH" "$POST_BODY"
    run requests-post    python3 "$BENCH/requests_bench.py" "$HEALTH" "$CA" "$COUNT" "$SECONDS_PER_RUN" requests-post "$POST_BODY"
    for c in 1 4 16; do
        run "health-c$c" "$SWIFT_BENCH" health --host "127.0.0.1:$PORT" --ca "$CA" --concurrency "$c" \
            --count "$COUNT" --seconds "$SECONDS_PER_RUN" --name "health-c$c"
    done
    run post-reused-c1 "$SWIFT_BENCH" transport --url "$PING" --ca "$CA" --concurrency 1 \
        --count "$COUNT" --seconds "$SECONDS_PER_RUN" --name post-reused-c1 --post "$POST_BODY"
    run post-once-c1 "$SWIFT_BENCH" transport --url "$PING" --ca "$CA" --concurrency 1 \
        --count "$COUNT" --seconds "$SECONDS_PER_RUN" --name post-once-c1 --post "$POST_BODY" --sent-once
    run health-c1-exec "$SWIFT_BENCH" health --host "127.0.0.1:$PORT" --ca "$CA" --concurrency 1 \
        --count "$COUNT" --seconds "$SECONDS_PER_RUN" --name health-c1-exec --on-transport-executor
done

# --- table -------------------------------------------------------------------------------------
echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uname -sr); load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "libcurl $(curl-config --version 2>/dev/null | cut -d' ' -f2 || true), nginx 1 worker, TLS 1.3, P-256; $ROUNDS rounds of COUNT=$COUNT requests or ${SECONDS_PER_RUN}s per run"
# Lines: RESULT name requests seconds rate connections logged non200
awk '
    function median(list, n,    i, j, t, v) {
        split(list, v, " ")
        for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
        n = $2
        if (!(n in runs)) { order[++count] = n; low[n] = $5; high[n] = $5 }
        rates[n] = rates[n] " " $5; runs[n]++; requests[n] += $3
        if ($5 < low[n]) low[n] = $5
        if ($5 > high[n]) high[n] = $5
        if ($6 > conns[n]) conns[n] = $6
        if (!(n in fewest) || $6 < fewest[n]) fewest[n] = $6
        logged[n] += $7; bad[n] += $8
    }
    END {
        for (i = 1; i <= count; i++) { n = order[i]; med[n] = median(rates[n], runs[n]) }
        printf "\n%-17s %8s %15s %9s %6s %6s %7s %9s %6s\n", "measurement", "req/s", "range", "/libcurl", "/curl", "runs", "conns", "logged", "non200"
        for (i = 1; i <= count; i++) {
            n = order[i]
            post = (n ~ /post$/ || n ~ /^health/ || n ~ /^post-/)
            raw = post ? med["raw-libcurl-post"] : med["raw-libcurl"]
            cli = post ? med["curl-cli-post"] : med["curl-cli"]
            printf "%-17s %8d %7d-%-7d %8.0f%% %5.0f%% %6d %7s %9d %6d\n", n, med[n], low[n], high[n],
                (raw > 0 ? 100 * med[n] / raw : 0), (cli > 0 ? 100 * med[n] / cli : 0), runs[n],
                (fewest[n] == conns[n] ? conns[n] : fewest[n] "-" conns[n]), logged[n], bad[n]
        }
        if (med["post-reused-c1"] > 0 && med["post-once-c1"] > 0) {
            reused = 1000 / med["post-reused-c1"]; once = 1000 / med["post-once-c1"]
            printf "\nsent once (a new TCP + TLS connection per request): %.3f ms per request, against %.3f ms reused: %.3f ms more\n", once, reused, once - reused
        }
    }' "$RESULTS"
echo
echo "req/s: median of the runs (range: slowest-fastest run). Ratios compare medians: GET rows with"
echo "raw-libcurl and curl-cli, health rows with raw-libcurl-post and curl-cli-post. *-exec rows: the caller"
echo "prefers CurlTransport.preferredTaskExecutor (runs on the transfer thread)."
echo "conns: distinct TLS connections nginx saw in each run; logged: requests nginx logged for the row"
echo "(warm-ups and the health check's first checked call included); non200: answers other than 200."
