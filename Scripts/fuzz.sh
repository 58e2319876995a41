#!/usr/bin/env bash
# Builds and runs swift-duo's libFuzzer targets (the separate package in Fuzz/).
#
#   Scripts/fuzz.sh TARGET SECONDS   run one target, e.g. `Scripts/fuzz.sh FuzzJWT 600` (or `jwt`)
#   Scripts/fuzz.sh all SECONDS      run every target for SECONDS each, one after another
#   Scripts/fuzz.sh list             print the target names
#
# The build (`swift build` with fuzzer and address sanitizers in Fuzz/) is incremental: a second
# run with nothing changed starts fuzzing at once (the first build takes 3 to 5.5 minutes). Each
# run reads the committed seeds in Fuzz/Corpus/TARGET/ (never written) and writes new corpus
# entries and crash inputs (-artifact_prefix) to a fresh temporary directory, which is printed
# and kept. The exit status is non-zero when any target crashed, leaked, timed out or
# broke a property. At the end a table gives executions and findings per target.
#
# Environment: FUZZ_JOBS_DIR (where temporary run directories go, default $TMPDIR),
# FUZZ_ARGS (extra libFuzzer flags), SWIFT (the swift driver), FUZZ_NICE (default 10),
# FUZZ_BIN_DIR (run the targets already built there, no build: for several runs in parallel).
# Linux only: libFuzzer ships with the Swift toolchain for Linux.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/Fuzz"
swift="${SWIFT:-swift}"
nice_level="${FUZZ_NICE:-10}"

usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

targets() {
    local dir
    for dir in "$fuzz"/Sources/Fuzz*/; do
        dir="${dir%/}"
        dir="${dir##*/}"
        [[ "$dir" == "FuzzSupport" ]] && continue
        echo "$dir"
    done
}

resolve_target() {
    local wanted="$1" name
    for name in $(targets); do
        if [[ "${name,,}" == "${wanted,,}" || "${name,,}" == "fuzz${wanted,,}" ]]; then
            echo "$name"
            return 0
        fi
    done
    echo "fuzz.sh: no target '$wanted'; targets: $(targets | tr '\n' ' ')" >&2
    exit 2
}

# SwiftPM's --sanitize flags set up the C targets and the link, but reach swiftc as two separate
# -sanitize= flags, and swiftc keeps only the last one: Swift code would then get either no
# coverage (libFuzzer: "Is the code instrumented for coverage?") or no AddressSanitizer. The
# combined -Xswiftc flag, which comes after them, gives Swift code both.
build_flags=(--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)

build() {
    if [[ -n "${FUZZ_BIN_DIR:-}" ]]; then
        bin_dir="$FUZZ_BIN_DIR"
        echo "fuzz.sh: using the targets in $bin_dir (FUZZ_BIN_DIR; not building)" >&2
        return
    fi
    # One build for every product: swift build in Fuzz/ builds all its executables.
    echo "fuzz.sh: building fuzz targets (cached after the first time)..." >&2
    # SWIFT_DETERMINISTIC_HASHING=1: SwiftPM keeps the --sanitize values in a Set, and with the
    # per-process random hash seed their order (so every compile command) changed from one
    # `swift build` to the next, which rebuilt the whole package, BoringSSL included, every time
    # (3 to 5.5 minutes). With a fixed seed a second build with nothing changed takes about 1 s.
    (cd "$fuzz" && SWIFT_DETERMINISTIC_HASHING=1 nice -n "$nice_level" "$swift" build "${build_flags[@]}" "$@" 2>&1 \
        | grep -v "ld.gold: warning: Cannot export local symbol") >&2
    bin_dir="$(cd "$fuzz" && SWIFT_DETERMINISTIC_HASHING=1 "$swift" build "${build_flags[@]}" --show-bin-path)"
}

declare -a summary=()
failed=0

run_target() {
    local target="$1" seconds="$2"
    local work log corpus_dir seeds executions status findings
    work="$(mktemp -d "${FUZZ_JOBS_DIR:-${TMPDIR:-/tmp}}/duo-fuzz-$target.XXXXXX")"
    mkdir -p "$work/corpus" "$work/crashes"
    log="$work/fuzz.log"
    seeds="$fuzz/Corpus/$target"
    corpus_dir=()
    [[ -d "$seeds" ]] && corpus_dir=("$seeds")
    echo "fuzz.sh: $target for ${seconds}s (new corpus and crashes in $work)" >&2
    set +e
    # SWIFT_BACKTRACE=enable=no: the Swift runtime's crash backtracer otherwise spends minutes
    # symbolicating before libFuzzer can save the input.
    # Leak checks off: Swift packs class references into enum payloads with spare bits set, so
    # LeakSanitizer cannot see them and reports long-lived values (the targets' shared clients,
    # swift-crypto's digest contexts) as leaked. AddressSanitizer's memory-error checks stay on.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" nice -n "$nice_level" "$bin_dir/$target" \
        -max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=4096 -detect_leaks=0 \
        -artifact_prefix="$work/crashes/" ${FUZZ_ARGS:-} \
        "$work/corpus" "${corpus_dir[@]}" >"$log" 2>&1
    status=$?
    set -e
    executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    if [[ -z "$executions" ]]; then
        executions="$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -1)"
    fi
    findings="$(find "$work/crashes" -type f | wc -l)"
    if [[ $status -ne 0 || $findings -ne 0 ]]; then
        failed=1
        echo "fuzz.sh: $target FAILED (exit $status); last lines of $log:" >&2
        tail -40 "$log" >&2
        [[ $findings -eq 0 ]] && findings="exit $status"
    fi
    summary+=("$(printf '%-24s %14s %8s %10s  %s' "$target" "${executions:-?}" "${seconds}s" "$findings" "$work")")
}

[[ $# -ge 1 ]] || usage
case "$1" in
    list)
        targets
        exit 0
        ;;
    -h|--help|help)
        usage
        ;;
esac
[[ $# -eq 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || usage
seconds="$2"
if [[ "$1" == "all" ]]; then
    mapfile -t selected < <(targets)
else
    selected=("$(resolve_target "$1")")
fi
build
for target in "${selected[@]}"; do
    run_target "$target" "$seconds"
done

printf '\n%-24s %14s %8s %10s  %s\n' "target" "executions" "time" "findings" "run directory"
printf '%s\n' "${summary[@]}"
exit "$failed"
