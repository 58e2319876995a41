#!/usr/bin/env python3
"""A Duo-shaped HTTPS server for the `duo` CLI end-to-end tests (standard library + openssl CLI).

It stands in for Duo's Universal Prompt endpoints, independently of the Swift code under test: the
client assertions are checked here with Python's own hmac/hashlib, and id_tokens are minted here.
It makes a throw-away CA and a leaf for 127.0.0.1 with `openssl`, listens on 127.0.0.1 (port 0),
prints ONE line of JSON {"port", "ca", "other_ca"}, and serves until its standard input closes or its
lifetime runs out. The client id and secret come from the DUO_TEST_CLIENT_ID/DUO_TEST_CLIENT_SECRET
environment variables, the redirect URI from DUO_TEST_REDIRECT_URI.

POST /oauth/v1/health_check  checks client_id + client_assertion (HS512, iss=sub=client id,
                             aud=this URL, exp ahead, jti present) -> {"stat":"OK",...}, else 400 FAIL.
POST /oauth/v1/token         checks grant_type, redirect_uri, client_assertion_type, client_assertion
                             (aud=this URL); the code names the scenario, "SCENARIO.USERNAME[.NONCE]":
                               allow / deny   a valid id_token with that auth_result
                               badsig         signed with another key
                               wrongiss       issuer of another host
                               expired        exp in the past
                               algnone        "alg": "none", no signature
                               stall          answers after 20 s (timeout tests)
                               badjson        200 with a body that is not JSON
                               dupresult      a signed id_token whose auth_result is allow, then deny
                               dupuser        a signed id_token whose preferred_username is the
                                              user, then "mallory"
                             Each code works once; a reused one gets 400 invalid_grant.
"""

import base64
import hashlib
import hmac
import json
import os
import select
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CLIENT_ID = os.environ.get("DUO_TEST_CLIENT_ID", "")
SECRET = os.environ.get("DUO_TEST_CLIENT_SECRET", "").encode()
REDIRECT = os.environ.get("DUO_TEST_REDIRECT_URI", "")
USED_CODES = set()
LOCK = threading.Lock()
STATE = {"requests": 0}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(claims, key=SECRET, alg="HS512"):
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    if alg == "none":
        return f"{header}.{payload}."
    mac = hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha512).digest()
    return f"{header}.{payload}.{b64url(mac)}"


def assertion_ok(token, audience):
    """Duo's checks of a client assertion, done independently of the Swift code."""
    try:
        header, payload, signature = token.split(".")
        if json.loads(b64url_decode(header)).get("alg") != "HS512":
            return False
        expected = hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha512).digest()
        if not hmac.compare_digest(expected, b64url_decode(signature)):
            return False
        claims = json.loads(b64url_decode(payload))
        now = time.time()
        return (claims.get("iss") == CLIENT_ID and claims.get("sub") == CLIENT_ID
                and claims.get("aud") == audience and now < claims.get("exp", 0) <= now + 300 + 5
                and bool(claims.get("jti")))
    except (ValueError, KeyError, TypeError):
        return False


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certificates(work):
    for name in ("ca", "other_ca"):
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "3", "-subj", f"/CN=duo e2e {name}",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=work)
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=127.0.0.1", cwd=work)
    with open(os.path.join(work, "leaf.ext"), "w") as ext:
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "4242",
            "-days", "2", "-extfile", "leaf.ext", "-out", "leaf.pem", cwd=work)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 20
    base = ""

    def log_message(self, format, *args):
        pass

    def answer(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        with LOCK:
            STATE["requests"] += 1
        length = min(int(self.headers.get("Content-Length") or 0), 1 << 16)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        url = self.base + self.path
        if self.path == "/oauth/v1/health_check":
            if form.get("client_id") == CLIENT_ID and assertion_ok(form.get("client_assertion", ""), url):
                self.answer(200, {"stat": "OK", "response": {"timestamp": int(time.time())}})
            else:
                self.answer(400, {"stat": "FAIL", "code": 40002, "message": "invalid_client",
                                  "message_detail": "The client assertion is not valid"})
        elif self.path == "/oauth/v1/token":
            self.token(form, url)
        else:
            self.answer(404, {"stat": "FAIL", "code": 40401, "message": "not found"})

    def token(self, form, url):
        if (form.get("grant_type") != "authorization_code" or form.get("redirect_uri") != REDIRECT
                or form.get("client_id") != CLIENT_ID
                or form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                or not assertion_ok(form.get("client_assertion", ""), url)):
            self.answer(400, {"error": "invalid_client", "error_description": "bad token request"})
            return
        code = form.get("code", "")
        with LOCK:
            reused = code in USED_CODES
            USED_CODES.add(code)
        parts = code.split(".")
        if reused or len(parts) not in (2, 3):
            self.answer(400, {"error": "invalid_grant", "error_description": "The code is invalid or was used"})
            return
        scenario, username = parts[0], parts[1]
        now = int(time.time())
        result = "deny" if scenario == "deny" else "allow"
        claims = {
            "iss": f"{self.base}/oauth/v1/token", "aud": CLIENT_ID, "sub": username, "iat": now, "exp": now + 300,
            "auth_time": now, "preferred_username": username,
            "auth_result": {"result": result, "status": result,
                            "status_msg": "Login Successful" if result == "allow" else "Login denied"},
            "auth_context": {"factor": "duo_push", "result": "success" if result == "allow" else "denied",
                             "reason": "user_approved" if result == "allow" else "user_marked_fraud",
                             "timestamp": now, "user": {"name": username}},
        }
        if len(parts) == 3:
            claims["nonce"] = parts[2]
        key, alg = SECRET, "HS512"
        if scenario == "badsig":
            key = b"0" * 40
        elif scenario == "wrongiss":
            claims["iss"] = "https://api-elsewhere.duosecurity.com/oauth/v1/token"
        elif scenario == "expired":
            claims["iat"], claims["exp"] = now - 900, now - 600
        elif scenario == "algnone":
            alg = "none"
        elif scenario == "stall":
            time.sleep(20)
        elif scenario == "badjson":
            self.answer(200, b"<html>not json</html>")
            return
        elif scenario in ("dupresult", "dupuser"):
            # A repeated member, written out by hand: json.dumps cannot repeat a key. PyJWT reads
            # the last value (deny, mallory); the token is signed correctly.
            text = json.dumps(claims, separators=(",", ":"))[:-1]
            if scenario == "dupresult":
                text += ',"auth_result":{"result":"deny","status":"deny","status_msg":"Login denied"}}'
            else:
                text += ',"preferred_username":"mallory"}'
            header = b64url(json.dumps({"alg": "HS512", "typ": "JWT"}, separators=(",", ":")).encode())
            payload = b64url(text.encode())
            mac = hmac.new(SECRET, f"{header}.{payload}".encode(), hashlib.sha512).digest()
            self.answer(200, {"id_token": f"{header}.{payload}.{b64url(mac)}", "access_token": "at",
                              "expires_in": 3600, "token_type": "Bearer"})
            return
        self.answer(200, {"id_token": sign(claims, key, alg), "access_token": "at", "expires_in": 3600,
                          "token_type": "Bearer"})


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # refused handshakes are what some tests provoke


def main():
    lifetime = 120.0
    work = tempfile.mkdtemp(prefix="duo-e2e-")
    make_certificates(work)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(work, "leaf.pem"), os.path.join(work, "leaf.key"))
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    Handler.base = f"https://127.0.0.1:{port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"port": port, "ca": os.path.join(work, "ca.pem"),
                      "other_ca": os.path.join(work, "other_ca.pem")}), flush=True)
    deadline = time.monotonic() + lifetime
    while time.monotonic() < deadline:
        ready, _, _ = select.select([sys.stdin], [], [], 0.5)
        if ready and not sys.stdin.buffer.read1(1):
            break
    server.shutdown()


if __name__ == "__main__":
    main()
