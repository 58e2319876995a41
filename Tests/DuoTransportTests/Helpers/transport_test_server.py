#!/usr/bin/env python3
"""Local HTTPS servers for the DuoTransport tests (standard library only, plus the openssl CLI).

Started by the Swift tests as a subprocess. It makes a throw-away test CA and certificates with
`openssl`, listens on 127.0.0.1 (port 0, so the kernel picks free ports), prints ONE line of JSON
naming the CA files and ports, then serves until its standard input closes (the test ended or
died) or its lifetime runs out, whichever is first. Nothing listens beyond loopback, and the
CONNECT proxies refuse any target that is not 127.0.0.1/localhost.

Listeners (all 127.0.0.1):
  good       TLS, leaf for IP:127.0.0.1 + DNS:localhost, issued by the test CA
  wronghost  TLS, leaf for DNS:wrong.example only, issued by the test CA
  expired    TLS, leaf for 127.0.0.1 valid only in 2020, issued by the test CA
  unrelated  TLS, leaf for 127.0.0.1 issued by an unrelated CA
  plain      plain HTTP (for the insecure-loopback test)
  dropping   TLS like good, but the first request to each method and path (other than /hello,
             /auth/v2/ping and /drop-stats) is read whole and its connection closed unanswered;
             later ones answer 200 {"stat":"OK","response":{}}
  tls11      TLS 1.0/1.1 only (security level 0), leaf like good: a server below the TLS floor
  proxy      HTTP CONNECT proxy, no authentication
  authproxy  HTTP CONNECT proxy requiring Basic duo:s3cret-proxy

Routes (every HTTP listener):
  /hello               200 "hello"; X-Connection-ID / X-Request-Index count requests per connection
  /echo                200 JSON of method, path, headers and body
  /stall?seconds=S     waits S seconds (at most 30) before answering
  /bytes/N             N bytes with Content-Length
  /chunked/N           N bytes, chunked, no Content-Length
  /redirect            302 to /hello
  /status/N            answers with status N
  /ratelimit/K/KEY     429 (Retry-After: 0) for the first K requests with this KEY, then 200
  /proxy-stats         JSON: CONNECT targets seen by each proxy and whether they authenticated
  /headers/N           200 with about N bytes of header lines (X-Filler-*, 100 bytes each)
  /header-line/N       200 with one header line of N bytes
  /drop-stats          JSON: for each "METHOD path" the dropping listener saw, the connection IDs
                       of its arrivals, in order
"""

import argparse
import base64
import json
import os
import select
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
CONNECTION_IDS = iter(range(1, 1 << 30))
RATE_LIMIT_COUNTS = {}
PROXY_STATS = {"proxy": [], "authproxy": []}
DROP_ARRIVALS = {}
UNDROPPED_PATHS = ("/hello", "/auth/v2/ping", "/drop-stats")
PROXY_CREDENTIALS = "duo:s3cret-proxy"


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_ca(work, name, subject):
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "3", "-subj", subject,
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=work)


def make_leaf(work, name, ca, san, expired=False):
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=work)
    with open(os.path.join(work, f"{name}.ext"), "w") as ext:
        ext.write(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    if not expired:
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
                "-set_serial", str(int(time.time() * 1000) % (1 << 40)), "-days", "2",
                "-extfile", f"{name}.ext", "-out", f"{name}.pem", cwd=work)
        return
    # `openssl x509` (3.0) cannot back-date a certificate; `openssl ca` can.
    os.makedirs(os.path.join(work, "newcerts"), exist_ok=True)
    open(os.path.join(work, "index.txt"), "w").close()
    with open(os.path.join(work, "serial"), "w") as serial:
        serial.write("1000\n")
    with open(os.path.join(work, "ca.cnf"), "w") as config:
        config.write(f"""[ ca ]
default_ca = testca
[ testca ]
dir = {work}
database = {work}/index.txt
new_certs_dir = {work}/newcerts
serial = {work}/serial
default_md = sha256
policy = policy_any
unique_subject = no
[ policy_any ]
commonName = supplied
[ leaf_ext ]
subjectAltName = {san}
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
""")
    openssl("ca", "-batch", "-config", "ca.cnf", "-cert", f"{ca}.pem", "-keyfile", f"{ca}.key",
            "-in", f"{name}.csr", "-out", f"{name}.pem", "-startdate", "20200101000000Z",
            "-enddate", "20200102000000Z", "-extensions", "leaf_ext", "-notext", cwd=work)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 40  # an idle keep-alive connection is closed after this long
    tls_context = None
    drops_first = False

    def setup(self):
        if self.tls_context is not None:
            self.request.settimeout(10)
            self.request = self.tls_context.wrap_socket(self.request, server_side=True)
        super().setup()
        with LOCK:
            self.connection_id = next(CONNECTION_IDS)
        self.request_index = 0

    def log_message(self, format, *args):
        pass

    def send_body(self, status, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Connection-ID", str(self.connection_id))
        self.send_header("X-Request-Index", str(self.request_index))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, 1 << 22)) if length else b""

    def handle_any(self):
        self.request_index += 1
        body = self.read_body()
        path, _, query = self.path.partition("?")
        parts = [part for part in path.split("/") if part]
        route = parts[0] if parts else ""
        if self.drops_first and path not in UNDROPPED_PATHS:
            with LOCK:
                arrivals = DROP_ARRIVALS.setdefault(f"{self.command} {path}", [])
                arrivals.append(self.connection_id)
                first = len(arrivals) == 1
            if first:
                # The whole request was read: close without a byte of answer.
                self.close_connection = True
                return
            self.send_body(200, b'{"stat":"OK","response":{}}', [("Content-Type", "application/json")])
            return
        if route == "hello":
            self.send_body(200, b"hello", [("Content-Type", "text/plain")])
        elif route == "echo":
            answer = {
                "method": self.command,
                "path": path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
            }
            self.send_body(200, json.dumps(answer).encode(), [("Content-Type", "application/json")])
        elif route == "stall":
            seconds = 10.0
            for item in query.split("&"):
                if item.startswith("seconds="):
                    seconds = float(item[len("seconds="):])
            time.sleep(min(seconds, 30.0))
            self.send_body(200, b"late")
        elif route == "bytes" and len(parts) == 2:
            self.send_body(200, b"a" * int(parts[1]))
        elif route == "chunked" and len(parts) == 2:
            remaining = int(parts[1])
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while remaining > 0:
                size = min(remaining, 16384)
                self.wfile.write(b"%x\r\n" % size + b"b" * size + b"\r\n")
                remaining -= size
            self.wfile.write(b"0\r\n\r\n")
        elif route == "redirect":
            self.send_body(302, b"moved", [("Location", "/hello")])
        elif route == "status" and len(parts) == 2:
            self.send_body(int(parts[1]), b"status")
        elif route == "ratelimit" and len(parts) == 3:
            limit, key = int(parts[1]), parts[2]
            with LOCK:
                RATE_LIMIT_COUNTS[key] = RATE_LIMIT_COUNTS.get(key, 0) + 1
                count = RATE_LIMIT_COUNTS[key]
            if count <= limit:
                self.send_body(429, b"slow down", [("Retry-After", "0")])
            else:
                self.send_body(200, f"ok after {count}".encode())
        elif route == "headers" and len(parts) == 2:
            self.send_response(200)
            for index in range(int(parts[1]) // 100):
                self.send_header("X-Filler-%05d" % index, "f" * 84)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        elif route == "header-line" and len(parts) == 2:
            self.send_response(200)
            self.send_header("X-Long", "l" * int(parts[1]))
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        elif route == "drop-stats":
            with LOCK:
                self.send_body(200, json.dumps(DROP_ARRIVALS).encode(), [("Content-Type", "application/json")])
        elif route == "proxy-stats":
            with LOCK:
                self.send_body(200, json.dumps(PROXY_STATS).encode(), [("Content-Type", "application/json")])
        else:
            self.send_body(404, b"not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512

    def handle_error(self, request, client_address):
        pass  # handshake refusals are what several tests provoke


def serve_http(tls_context, drops_first=False):
    handler = type("BoundHandler", (Handler,), {"tls_context": tls_context, "drops_first": drops_first})
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def tls_context(work, name):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(work, f"{name}.pem"), os.path.join(work, f"{name}.key"))
    return context


def legacy_tls_context(work, name):
    """TLS 1.0 and 1.1 only; security level 0, which OpenSSL 3 needs for them."""
    context = tls_context(work, name)
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # deprecated is the point
        context.minimum_version = ssl.TLSVersion.TLSv1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
    return context


class ProxyHandler(socketserver.BaseRequestHandler):
    name = "proxy"
    required_auth = None

    def handle(self):
        client = self.request
        client.settimeout(10)
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = client.recv(4096)
            if not chunk:
                return
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = (lines[0].split(" ") + ["", "", ""])[:3]
        headers = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        authorization = headers.get("proxy-authorization", "")
        authenticated = authorization == "Basic " + base64.b64encode(PROXY_CREDENTIALS.encode()).decode()
        with LOCK:
            PROXY_STATS[self.name].append({"method": method, "target": target, "authenticated": authenticated})
        host, _, port = target.rpartition(":")
        if method != "CONNECT" or host not in ("127.0.0.1", "localhost"):
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        if self.required_auth and not authenticated:
            client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                           b"Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", int(port)), timeout=10)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest:
            upstream.sendall(rest)
        deadline = time.monotonic() + 60
        sockets = [client, upstream]
        try:
            while time.monotonic() < deadline:
                readable, _, _ = select.select(sockets, [], [], 1.0)
                for source in readable:
                    chunk = source.recv(65536)
                    if not chunk:
                        return
                    (upstream if source is client else client).sendall(chunk)
        finally:
            upstream.close()


class ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass


def serve_proxy(name, required_auth):
    handler = type("BoundProxy", (ProxyHandler,), {"name": name, "required_auth": required_auth})
    server = ProxyServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=300.0, help="seconds before exiting anyway")
    arguments = parser.parse_args()

    # Exit when the test closes our stdin (or dies), and in any case after the lifetime.
    def watch_stdin():
        try:
            while sys.stdin.buffer.read(1):
                pass
        finally:
            os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(arguments.lifetime, lambda: os._exit(0)).start()

    work = tempfile.mkdtemp(prefix="duo-transport-test-")
    make_ca(work, "ca", "/CN=swift-duo test CA")
    make_ca(work, "otherca", "/CN=unrelated test CA")
    make_leaf(work, "good", "ca", "IP:127.0.0.1,DNS:localhost")
    make_leaf(work, "wronghost", "ca", "DNS:wrong.example")
    make_leaf(work, "expired", "ca", "IP:127.0.0.1,DNS:localhost", expired=True)
    make_leaf(work, "unrelated", "otherca", "IP:127.0.0.1,DNS:localhost")

    ports = {
        "good": serve_http(tls_context(work, "good")),
        "wronghost": serve_http(tls_context(work, "wronghost")),
        "expired": serve_http(tls_context(work, "expired")),
        "unrelated": serve_http(tls_context(work, "unrelated")),
        "plain": serve_http(None),
        "dropping": serve_http(tls_context(work, "good"), drops_first=True),
        "tls11": serve_http(legacy_tls_context(work, "good")),
        "proxy": serve_proxy("proxy", None),
        "authproxy": serve_proxy("authproxy", PROXY_CREDENTIALS),
    }
    print(json.dumps({
        "ca": os.path.join(work, "ca.pem"),
        "otherCA": os.path.join(work, "otherca.pem"),
        "ports": ports,
    }), flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.stderr.write("transport_test_server: openssl failed: %s\n" % error.stderr.decode(errors="replace"))
        sys.exit(1)
