#!/usr/bin/env python3
"""Duo's official Python clients, unmodified, against duo-emulator over HTTPS.

The oracle is Duo's own code: duo_universal (Universal Prompt, OIDC) and duo_client (Auth API v2,
signatures v2 and v5). The script starts the built duo-emulator on a free 127.0.0.1 port with a
throwaway CA file, walks the prompt through its HTML forms as a browser would (requests plus an
HTML form parser; the emulated phone's page answers pushes and shows passcodes), and checks every
answer. It prints one line per check and `N passed, M failed` last; it exits non-zero on any
failure.

Usage: interop_official_clients.py --emulator PATH/TO/duo-emulator
"""

import argparse
import base64
import hashlib
import hmac
import html.parser
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import warnings

import duo_client
import duo_universal
import requests

# PyJWT warns that a 40-byte HS512 key is short; 40 bytes is what Duo issues as a client secret.
warnings.filterwarnings("ignore", message="The HMAC key is")

REDIRECT_URI = "https://127.0.0.1:1/duo-callback"
# Scripted users (--user NAME=OUTCOME): they answer at once, as Duo's scripted test users would.
SCRIPTED = {"ursula": "allow", "dennis": "deny", "tim": "timeout", "fran": "fraud", "erik": "error"}
# Users with no device yet: carol stays unenrolled; uma enrolls through the prompt.
UNENROLLED = ["carol", "uma"]
START_SECONDS = 90
REQUEST_SECONDS = 20


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


# MARK: The emulator process

class Emulator:
    def __init__(self, binary):
        self.binary = binary
        self.directory = tempfile.mkdtemp(prefix="duo-interop-")
        self.ca_file = os.path.join(self.directory, "ca.pem")
        self.port = free_port()
        self.credentials = {}
        self.process = None
        self.output = []

    def start(self):
        arguments = [self.binary, "--port", str(self.port), "--ca-file", self.ca_file]
        for name, outcome in SCRIPTED.items():
            arguments += ["--user", "%s=%s" % (name, outcome)]
        for name in UNENROLLED:
            arguments += ["--unenrolled", name]
        self.process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                self.output.append(line.rstrip("\n"))
                match = re.match(r"\s*(DUO_[A-Z_]+)=(\S+)", line)
                if match:
                    self.credentials[match.group(1)] = match.group(2)
                if "DUO_SKEY=" in line:
                    ready.set()
        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + START_SECONDS
        while not ready.wait(0.2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise Failure("duo-emulator did not start: " + " | ".join(self.output[-10:]))
        expect(os.path.exists(self.ca_file), "duo-emulator wrote no CA file at " + self.ca_file)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# MARK: A browser: GET and POST with the emulator's CA, no automatic redirects, HTML forms

class Form:
    def __init__(self, action, method):
        self.action = action
        self.method = method
        self.fields = {}
        self.buttons = []


class PageParser(html.parser.HTMLParser):
    """The page's forms (inputs and submit buttons), each push's user, and the phone's passcodes."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.form = None
        self.push_user = None
        self.push_users = []
        self.in_passcode = False
        self.passcode_owner = ""
        self.passcodes = {}
        self.text = ""
        self.secret = None
        self.in_secret = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "push" in (attributes.get("class") or "").split():
            self.push_user = attributes.get("data-user")
        elif tag == "form":
            self.form = Form(attributes.get("action", ""), (attributes.get("method") or "get").lower())
            self.forms.append(self.form)
            self.push_users.append(self.push_user)
        elif tag == "input" and self.form is not None and attributes.get("name"):
            self.form.fields[attributes["name"]] = attributes.get("value") or ""
        elif tag == "button" and self.form is not None:
            self.form.buttons.append((attributes.get("name"), attributes.get("value"), attributes.get("id") or attributes.get("class")))
        elif tag == "code" and attributes.get("class") == "passcode":
            self.in_passcode = True
        elif tag == "code" and attributes.get("id") == "otpauth-secret":
            self.in_secret = True
        elif tag == "li":
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "div":
            self.push_user = None
        elif tag == "code":
            self.in_passcode = False
            self.in_secret = False

    def handle_data(self, data):
        if self.in_passcode:
            owner = self.text.split(" (")[0].strip()
            self.passcodes[owner] = data.strip()
        elif self.in_secret:
            self.secret = data.strip()
        else:
            self.text += data


def parse(page):
    parser = PageParser()
    parser.feed(page)
    return parser


class Browser:
    def __init__(self, base, ca_file):
        self.base = base
        self.session = requests.Session()
        # Passed on every request: a session's own `verify` loses to REQUESTS_CA_BUNDLE.
        self.ca_file = ca_file

    def url(self, target):
        return urllib.parse.urljoin(self.base + "/", target)

    def get(self, target):
        return self.session.get(self.url(target), allow_redirects=False, timeout=REQUEST_SECONDS, verify=self.ca_file)

    def submit(self, form, button=None, extra=None):
        fields = dict(form.fields)
        if button and button[0]:
            fields[button[0]] = button[1] or ""
        fields.update(extra or {})
        expect(form.method == "post", "form %s is not a POST form" % form.action)
        return self.session.post(self.url(form.action), data=fields, allow_redirects=False, timeout=REQUEST_SECONDS, verify=self.ca_file)

    def follow(self, response, limit=10):
        """Follows the emulator's redirects until one leaves it for the application's redirect URI."""
        for _ in range(limit):
            if response.status_code not in (301, 302, 303, 307, 308):
                return response, None
            location = response.headers["Location"]
            if location.startswith(REDIRECT_URI):
                return response, location
            response = self.get(location)
        raise Failure("too many redirects")


def form_with(parser, action):
    for form in parser.forms:
        if form.action == action:
            return form
    raise Failure("no form posting to %s on the page" % action)


def totp(secret_base32, at=None):
    """RFC 6238 TOTP, SHA-1, 6 digits, 30 s: what an authenticator app computes from the key."""
    padded = secret_base32.upper() + "=" * (-len(secret_base32) % 8)
    key = base64.b32decode(padded)
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (number % 1_000_000)


# MARK: Universal Prompt with duo_universal

class Universal:
    def __init__(self, emulator, host):
        self.emulator = emulator
        self.host = host
        self.browser = Browser("https://" + host, emulator.ca_file)
        self.client = self.make_client(emulator.credentials["DUO_CLIENT_SECRET"])

    def make_client(self, secret):
        return duo_universal.Client(self.emulator.credentials["DUO_CLIENT_ID"], secret, self.host, REDIRECT_URI,
                                    duo_certs=self.emulator.ca_file)

    def start(self, username):
        state = self.client.generate_state()
        nonce = self.client.generate_state()
        url = self.client.create_auth_url(username, state, nonce)
        expect(url.startswith("https://%s/oauth/v1/authorize?" % self.host), "authorize URL " + url)
        return state, nonce, self.browser.get(url)

    def callback(self, location, state):
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
        expect(query.get("state") == state, "state came back as %r" % query.get("state"))
        return query

    def exchange(self, location, state, username, nonce):
        query = self.callback(location, state)
        expect("duo_code" in query, "no duo_code in the redirect: %s" % location)
        token = self.client.exchange_authorization_code_for_2fa_result(query["duo_code"], username, nonce)
        return query["duo_code"], token

    def scripted_login(self, username, outcome):
        state, nonce, response = self.start(username)
        _, location = self.browser.follow(response)
        expect(location, "the prompt of scripted user %s did not redirect back (HTTP %s)" % (username, response.status_code))
        if outcome == "error":
            query = self.callback(location, state)
            expect(query.get("error") == "access_denied" and "duo_code" not in query, "error redirect: " + location)
            return
        _, token = self.exchange(location, state, username, nonce)
        result = token["auth_result"]
        expected = {"allow": ("allow", "allow"), "deny": ("deny", "deny"), "timeout": ("deny", "timeout"), "fraud": ("deny", "fraud")}[outcome]
        expect((result["result"], result["status"]) == expected, "auth_result %r, expected %r" % (result, expected))
        expect(token["preferred_username"] == username, "preferred_username")
        expect(token["iss"] == "https://%s/oauth/v1/token" % self.host, "iss " + token["iss"])

    def prompt(self, username):
        state, nonce, response = self.start(username)
        expect(response.status_code == 200, "prompt for %s answered HTTP %s" % (username, response.status_code))
        expect("Signing in as" in response.text, "not a prompt page")
        return state, nonce, parse(response.text)

    def push_login(self, username, answer):
        state, nonce, page = self.prompt(username)
        sent = self.browser.submit(form_with(page, "/frame/push"))
        expect(sent.status_code == 303, "Send Me a Push answered HTTP %s" % sent.status_code)
        status_url = sent.headers["Location"]
        waiting = self.browser.get(status_url)
        expect(waiting.status_code == 200 and "Check your phone" in waiting.text, "push status page")
        phone = parse(self.browser.get("/phone").text)
        forms = [form for form, user in zip(phone.forms, phone.push_users) if user == username and form.action == "/phone/answer"]
        expect(len(forms) == 1, "the phone shows %d pushes for %s" % (len(forms), username))
        button = next((b for b in forms[0].buttons if b[1] == answer), None)
        expect(button is not None, "no %s button on the phone" % answer)
        answered = self.browser.submit(forms[0], button)
        expect(answered.status_code == 303, "the phone's answer got HTTP %s" % answered.status_code)
        _, location = self.browser.follow(self.browser.get(status_url))
        expect(location, "the prompt did not redirect back after the push")
        code, token = self.exchange(location, state, username, nonce)
        expected = "allow" if answer == "approve" else "deny"
        expect(token["auth_result"]["result"] == expected, "auth_result %r" % token["auth_result"])
        expect(token["auth_context"]["factor"] == "duo_push", "factor %r" % token["auth_context"]["factor"])
        return code, username, nonce

    def passcode_login(self, username):
        state, nonce, page = self.prompt(username)
        phone = parse(self.browser.get("/phone").text)
        expect(username in phone.passcodes, "the phone shows no passcode for %s" % username)
        wrong = self.browser.submit(form_with(page, "/frame/passcode"), extra={"passcode": "000000" if phone.passcodes[username] != "000000" else "111111"})
        expect(wrong.status_code == 200 and "Incorrect passcode" in wrong.text, "a wrong passcode was not refused")
        done = self.browser.submit(form_with(page, "/frame/passcode"), extra={"passcode": phone.passcodes[username]})
        _, location = self.browser.follow(done)
        expect(location, "the passcode did not redirect back (HTTP %s)" % done.status_code)
        _, token = self.exchange(location, state, username, nonce)
        expect(token["auth_result"]["result"] == "allow", "auth_result %r" % token["auth_result"])
        expect(token["auth_context"]["factor"] == "passcode", "factor %r" % token["auth_context"]["factor"])

    def enroll_then_login(self, username):
        state, nonce, response = self.start(username)
        expect(response.status_code == 303 and "/frame/enroll" in response.headers["Location"], "unenrolled user not sent to enrollment")
        page = parse(self.browser.get(response.headers["Location"]).text)
        expect(page.secret, "the enrollment page shows no key")
        done = self.browser.submit(form_with(page, "/frame/enroll"), extra={"passcode": totp(page.secret)})
        expect(done.status_code == 200 and "Send Me a Push" in done.text, "enrollment did not lead to the prompt")
        prompt = parse(done.text)
        # The code of the next time step (inside the verifier's window): the code just used for
        # enrollment is spent.
        passcode = totp(page.secret, at=time.time() + 30)
        finished = self.browser.submit(form_with(prompt, "/frame/passcode"), extra={"passcode": passcode})
        _, location = self.browser.follow(finished)
        expect(location, "the enrolled user's passcode did not redirect back (HTTP %s)" % finished.status_code)
        _, token = self.exchange(location, state, username, nonce)
        expect(token["auth_result"]["result"] == "allow", "auth_result %r" % token["auth_result"])


# MARK: Auth API with duo_client

def auth_client(emulator, host, port, sig_version, skey=None, ikey=None, digestmod=hashlib.sha512):
    return duo_client.Auth(ikey or emulator.credentials["DUO_IKEY"], skey or emulator.credentials["DUO_SKEY"], host,
                           ca_certs=emulator.ca_file, sig_version=sig_version, port=port, digestmod=digestmod,
                           timeout=REQUEST_SECONDS)


def refused_with(call, status):
    try:
        call()
    except RuntimeError as error:
        expect(getattr(error, "status", None) == status, "refused with %s, expected %s: %s" % (getattr(error, "status", None), status, error))
        return
    raise Failure("accepted; expected HTTP %s" % status)


def auth_api_checks(emulator, label, host, port, sig_version, digestmod=hashlib.sha512):
    tag = re.sub(r"[^a-z0-9]", "-", label.lower())
    auth = auth_client(emulator, host, port, sig_version, digestmod=digestmod)
    checks = []

    def check(name, function):
        checks.append(("auth %s: %s" % (label, name), function))

    def ping():
        expect(isinstance(auth.ping()["time"], int), "ping time")
    check("ping", ping)

    def check_keys():
        expect(isinstance(auth.check()["time"], int), "check time")
    check("check", check_keys)

    def preauth():
        # duo_client sends a Boolean as JSON under v5; under v2 it can only send text.
        answer = auth.preauth(username="alice-" + tag, client_supports_verified_push=True if sig_version == 5 else "1")
        expect(answer["result"] == "auth" and answer["devices"], "preauth %r" % answer)
        expect("push" in answer["devices"][0]["capabilities"], "device capabilities")
    check("preauth of an enrolled user answers auth with a push-capable phone", preauth)

    def preauth_unenrolled():
        answer = auth.preauth(username="carol")
        expect(answer["result"] == "enroll" and answer.get("enroll_portal_url", "").startswith("https://"), "preauth %r" % answer)
    check("preauth of an unenrolled user answers enroll with an enroll_portal_url", preauth_unenrolled)

    def auth_unenrolled():
        answer = auth.auth("push", username="carol", device="auto")
        expect(answer["result"] == "deny", "auth %r" % answer)
    check("auth of an unenrolled user is denied", auth_unenrolled)

    def push_sync():
        answer = auth.auth("push", username="alice-" + tag, device="auto", type="Login", display_username="Alice",
                           pushinfo="from=interop&domain=example.com")
        expect(answer["result"] == "allow" and answer["status"] == "allow", "auth %r" % answer)
    check("auth push (sync) allows", push_sync)

    def push_denied():
        answer = auth.auth("push", username="dennis", device="auto")
        expect(answer["result"] == "deny", "auth %r" % answer)
    check("auth push (sync) of a scripted deny user denies", push_denied)

    def push_async():
        started = auth.auth("push", username="alice-" + tag, device="auto", async_txn=True)
        expect(started.get("txid"), "no txid: %r" % started)
        for _ in range(10):
            status = auth.auth_status(started["txid"])
            if not status["waiting"]:
                break
        expect(status["success"] and status["status"] == "allow", "auth_status %r" % status)
    check("auth push (async) then auth_status until allow", push_async)

    def phone_async_denied():
        started = auth.auth("phone", username="dennis", device="auto", async_txn=True)
        seen = []
        for _ in range(10):
            status = auth.auth_status(started["txid"])
            seen.append(status["status"])
            if not status["waiting"]:
                break
        expect(not status["success"] and status["status"] == "deny", "auth_status %r after %r" % (status, seen))
    check("auth phone (async) of a scripted deny user ends in deny", phone_async_denied)

    def passcode():
        user = "pc-" + tag
        expect(auth.auth("passcode", username=user, passcode="000000")["result"] == "deny", "a wrong passcode allowed")
        expect(auth.auth("passcode", username=user, passcode="123456")["result"] == "allow", "the passcode was refused")
        expect(auth.auth("passcode", username=user, passcode="123456")["result"] == "deny", "a used passcode allowed again")
        expect(auth.auth("passcode", username="dennis", passcode="123456")["result"] == "deny", "a scripted deny user allowed by passcode")
    check("auth passcode: wrong refused, right once, scripted deny refused", passcode)

    def enroll():
        user = "new-" + tag
        enrollment = auth.enroll(username=user, valid_secs=600)
        expect(enrollment["username"] == user and enrollment["activation_code"].startswith("duo://"), "enroll %r" % enrollment)
        expect(auth.preauth(username=user)["result"] == "enroll", "preauth before activation")
        statuses = []
        for _ in range(5):
            statuses.append(auth.enroll_status(enrollment["user_id"], enrollment["activation_code"]))
            if statuses[-1] == "success":
                break
        expect(statuses[0] == "waiting" and statuses[-1] == "success", "enroll_status %r" % statuses)
        expect(auth.preauth(username=user)["result"] == "auth", "preauth after activation")
        expect(auth.preauth(user_id=enrollment["user_id"])["result"] == "auth", "preauth by user_id after activation")
        expect(auth.enroll_status(enrollment["user_id"], "duo://wrong") == "invalid", "a wrong activation code")
    check("enroll, enroll_status waiting then success, preauth enroll then auth", enroll)

    def wrong_secret():
        wrong = auth_client(emulator, host, port, sig_version, skey="x" * 40, digestmod=digestmod)
        refused_with(wrong.check, 401)
        refused_with(lambda: wrong.preauth(username="alice"), 401)
    check("a wrong secret key is refused with 401", wrong_secret)

    def wrong_ikey():
        wrong = auth_client(emulator, host, port, sig_version, ikey="DIWRONGWRONGWRONG000", digestmod=digestmod)
        refused_with(wrong.check, 401)
    check("a wrong integration key is refused with 401", wrong_ikey)
    return checks


# MARK: Running

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emulator", required=True, help="the built duo-emulator executable")
    arguments = parser.parse_args()
    print("interop: duo_universal %s, duo_client %s, requests %s" % (
        getattr(duo_universal, "__version__", "?"), duo_client.client.__version__, requests.__version__))
    emulator = Emulator(arguments.emulator)
    passed, failed = 0, 0
    started = time.monotonic()
    try:
        emulator.start()
        port = emulator.port
        checks = []
        for host in ("127.0.0.1:%d" % port, "localhost:%d" % port):
            universal = Universal(emulator, host)
            checks.append(("universal %s: health check" % host,
                           lambda u=universal: expect(u.client.health_check()["stat"] == "OK", "health check")))
            for name, outcome in SCRIPTED.items():
                checks.append(("universal %s: scripted %s login (%s)" % (host, outcome, name),
                               lambda u=universal, n=name, o=outcome: u.scripted_login(n, o)))
            pushed = {}

            def approve(u=universal, h=host, store=pushed):
                store["login"] = u.push_login("paula-" + h.split(":")[0], "approve")
            checks.append(("universal %s: Send Me a Push, approve on the phone" % host, approve))
            checks.append(("universal %s: Send Me a Push, deny on the phone" % host,
                           lambda u=universal, h=host: u.push_login("peter-" + h.split(":")[0], "deny")))
            checks.append(("universal %s: passcode from the phone" % host,
                           lambda u=universal, h=host: u.passcode_login("erin-" + h.split(":")[0])))

            def reused(u=universal, store=pushed):
                expect("login" in store, "no code from the approve check")
                code, username, nonce = store["login"]
                try:
                    u.client.exchange_authorization_code_for_2fa_result(code, username, nonce)
                except duo_universal.DuoException as error:
                    expect("invalid_grant" in str(error), "refused, but not as invalid_grant: %s" % error)
                    return
                raise Failure("a used code was accepted again")
            checks.append(("universal %s: a reused code is refused" % host, reused))

            def wrong_secret(u=universal):
                wrong = u.make_client("w" * 40)
                try:
                    wrong.health_check()
                except duo_universal.DuoException:
                    return
                raise Failure("a wrong client secret passed the health check")
            checks.append(("universal %s: a wrong client secret is refused" % host, wrong_secret))
        checks.append(("universal: an unenrolled user enrolls at the prompt, then signs in with a passcode",
                       lambda: Universal(emulator, "127.0.0.1:%d" % port).enroll_then_login("uma")))

        def uma_enrolled_everywhere():
            answer = auth_client(emulator, "127.0.0.1", port, 5).preauth(username="uma")
            expect(answer["result"] == "auth", "preauth after enrolling at the prompt: %r" % answer)
        checks.append(("auth: a user enrolled at the prompt is enrolled for preauth", uma_enrolled_everywhere))

        # duo_client signs the host it was given (the port is passed apart and not signed), by
        # address or by name; its certificate check reads DNS names only.
        checks += auth_api_checks(emulator, "v5 127.0.0.1", "127.0.0.1", port, 5)
        checks += auth_api_checks(emulator, "v2 127.0.0.1", "127.0.0.1", port, 2)
        checks += auth_api_checks(emulator, "v5 localhost", "localhost", port, 5)
        checks += auth_api_checks(emulator, "v2 localhost", "localhost", port, 2)
        checks += auth_api_checks(emulator, "v2-sha1 localhost", "localhost", port, 2, digestmod=hashlib.sha1)

        for name, function in checks:
            try:
                function()
                passed += 1
                print("ok    " + name)
            except Exception as error:  # every failure is reported, none stops the run
                failed += 1
                print("FAIL  %s: %s: %s" % (name, type(error).__name__, error))
    except Failure as error:
        failed += 1
        print("FAIL  setup: %s" % error)
    finally:
        emulator.stop()
    if failed:
        print("interop: emulator output:\n  " + "\n  ".join(emulator.output[-20:]))
    print("interop: %.1f s" % (time.monotonic() - started))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
