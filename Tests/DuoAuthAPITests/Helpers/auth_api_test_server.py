#!/usr/bin/env python3
"""A local HTTPS Duo Auth API for the `duo auth` subprocess tests (standard library + openssl CLI).

Started by the Swift tests. It makes a throw-away CA and a leaf for 127.0.0.1 with `openssl`,
listens on 127.0.0.1 (a kernel-chosen port), prints ONE line of JSON {"ca": path, "port": n},
then serves until its standard input closes or its lifetime ends. Every request is appended as
one JSON line to the --log file (method, path, signature version accepted or the refusal), so a
test can tell how many requests reached the server.

Signatures are verified independently of the Swift code, from the spec: v2 (5 lines, form or
query parameters, HMAC-SHA1 or HMAC-SHA512) and v5 (7 lines, SHA-512 of the JSON body and of the
empty X-Duo header string). The host line is 127.0.0.1, without the port.

Users (by username):
  deny-user      push/passcode answer deny
  slow-user      the server never answers /auth (for timeout tests)
  ratelimit-N    /auth answers 429 (Retry-After: 0) N times, then allow
  anyone else    push: allow (async: pushed, then allow); passcode 123456 allow, others deny
Paths /broken/500, bad JSON, truncated: users "err-500", "err-badjson", "err-truncated".
"""

import argparse
import base64
import email.utils
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import ssl

IKEY = "DIAUTHTESTINTEGRATE1"
SKEY = "authtestsecretkeyauthtestsecretkeyauth01"
LOCK = threading.Lock()
COUNTS = {}
TXIDS = {}
LOG = None
EMPTY = hashlib.sha512(b"").hexdigest()


def quote(text):
    return urllib.parse.quote(text, safe="~")


def canon_params(pairs):
    encoded = sorted((quote(k), quote(v)) for k, v in pairs)
    return "&".join(f"{k}={v}" for k, v in encoded)


def log(entry):
    with LOCK:
        with open(LOG, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, format, *args):
        pass

    def send_json(self, status, obj, headers=(), cut=False):
        body = json.dumps(obj).encode()
        if cut:
            body = body[: len(body) // 2]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) if not cut else len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def fail(self, status, code, message, detail=None):
        obj = {"stat": "FAIL", "code": code, "message": message}
        if detail:
            obj["message_detail"] = detail
        self.send_json(status, obj)

    def ok(self, response):
        self.send_json(200, {"stat": "OK", "response": response})

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def verify(self, path, query, body):
        header = self.headers.get("Authorization", "")
        date = self.headers.get("Date")
        if not header.startswith("Basic ") or date is None:
            return None, "missing"
        try:
            ikey, signature = base64.b64decode(header[6:]).decode().split(":", 1)
        except Exception:
            return None, "malformed"
        if ikey != IKEY:
            return None, "ikey"
        parsed = email.utils.parsedate_to_datetime(date)
        if abs(parsed.timestamp() - time.time()) > 300:
            return None, "date"
        content_type = self.headers.get("Content-Type", "")
        host = "127.0.0.1"
        if self.command == "GET":
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
            base = [date, "GET", host, path, canon_params(pairs)]
            candidates = [(2, "\n".join(base)), (5, "\n".join(base + [EMPTY, EMPTY]))]
        elif content_type.startswith("application/json"):
            params = json.loads(body.decode())
            pairs = list(params.items())
            base = [date, "POST", host, path, "", hashlib.sha512(body).hexdigest(), EMPTY]
            candidates = [(5, "\n".join(base))]
        else:
            pairs = urllib.parse.parse_qsl(body.decode(), keep_blank_values=True)
            candidates = [(2, "\n".join([date, "POST", host, path, canon_params(pairs)]))]
        for version, canonical in candidates:
            for digest in (hashlib.sha512, hashlib.sha1):
                if version == 5 and digest is hashlib.sha1:
                    continue
                expected = hmac.new(SKEY.encode(), canonical.encode(), digest).hexdigest()
                if hmac.compare_digest(expected, signature):
                    return (version, dict(pairs)), None
        return None, "signature"

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        path = url.path
        if path == "/auth/v2/ping":
            log({"method": self.command, "path": path, "signed": "Authorization" in self.headers})
            return self.ok({"time": int(time.time())})
        result, problem = self.verify(path, url.query, body)
        if result is None:
            log({"method": self.command, "path": path, "refused": problem})
            if problem == "ikey":
                return self.fail(401, 40102, "Invalid integration key in request credentials")
            return self.fail(401, 40103, "Invalid signature in request credentials")
        version, params = result
        log({"method": self.command, "path": path, "version": version, "params": params, "date": self.headers.get("Date")})
        user = params.get("username", "")
        if path == "/auth/v2/check":
            return self.ok({"time": int(time.time())})
        if path == "/auth/v2/preauth":
            return self.ok({"result": "auth", "status_msg": "Account is active",
                            "devices": [{"device": "DPTEST", "type": "phone", "capabilities": ["auto", "push"]}]})
        if path == "/auth/v2/auth":
            if user == "slow-user":
                time.sleep(20)
                return self.fail(500, 50001, "too late")
            if user == "err-500":
                return self.fail(500, 50001, "Unknown internal server error")
            if user == "err-badjson":
                return self.send_raw(b"<html>not json</html>")
            if user == "err-truncated":
                return self.send_json(200, {"stat": "OK", "response": {"result": "allow", "status": "allow", "status_msg": "x"}}, cut=True)
            if user.startswith("ratelimit-"):
                with LOCK:
                    COUNTS[user] = COUNTS.get(user, 0) + 1
                    seen = COUNTS[user]
                if seen <= int(user.split("-", 1)[1]):
                    return self.send_json(429, {"stat": "FAIL", "code": 42901, "message": "Too Many Requests"}, headers=[("Retry-After", "0")])
            allow = user != "deny-user"
            if params.get("factor") == "passcode":
                allow = allow and params.get("passcode") == "123456"
            final = {"result": "allow", "status": "allow", "status_msg": "Success. Logging you in..."} if allow else \
                {"result": "deny", "status": "deny", "status_msg": "Login request denied."}
            final["echo_username"] = user
            final["echo_pushinfo"] = params.get("pushinfo")
            if params.get("async") == "1":
                txid = "tx-%d" % (len(TXIDS) + 1)
                with LOCK:
                    TXIDS[txid] = [{"result": "waiting", "status": "pushed", "status_msg": "Pushed a login request to your device..."}, final]
                return self.ok({"txid": txid})
            return self.ok(final)
        if path == "/auth/v2/auth_status":
            with LOCK:
                steps = TXIDS.get(params.get("txid"), [])
                step = steps.pop(0) if len(steps) > 1 else (steps[0] if steps else None)
            if step is None:
                return self.fail(400, 40002, "Invalid request parameters", "txid")
            return self.ok(step)
        return self.fail(404, 40401, "Resource not found")

    def send_raw(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    global LOG
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=120.0)
    parser.add_argument("--log", required=True)
    arguments = parser.parse_args()
    LOG = arguments.log

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(1):
                pass
        finally:
            os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(arguments.lifetime, lambda: os._exit(0)).start()

    work = tempfile.mkdtemp(prefix="duo-auth-test-")

    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
            "-out", "ca.pem", "-days", "3", "-subj", "/CN=swift-duo auth test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "leaf.key",
            "-out", "leaf.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(work, "leaf.ext"), "w") as ext:
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial",
            str(int(time.time() * 1000) % (1 << 40)), "-days", "2", "-extfile", "leaf.ext", "-out", "leaf.pem")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(work, "leaf.pem"), os.path.join(work, "leaf.key"))

    class TLSServer(ThreadingHTTPServer):
        daemon_threads = True

        def get_request(self):
            sock, address = super().get_request()
            sock.settimeout(30)
            return context.wrap_socket(sock, server_side=True), address

        def handle_error(self, request, client_address):
            pass

    server = TLSServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"ca": os.path.join(work, "ca.pem"), "port": server.server_address[1]}), flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.stderr.write("auth_api_test_server: openssl failed: %s\n" % error.stderr.decode(errors="replace"))
        sys.exit(1)
