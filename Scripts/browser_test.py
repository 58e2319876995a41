#!/usr/bin/env python3
"""Drives the login demo in headless Chromium over WebDriver (W3C, plain HTTP, stdlib only).

Two browser sessions: the user's laptop and the emulated phone. Flows: allow (alice approves a
push), deny (bob denies), plus the enrollment page (carol) and the admin page. Every page visited
is saved as a PNG screenshot in the artifacts folder, and the enrollment page's QR code is read
back from its screenshot with zbarimg (zbar-tools) when it is installed. Ends with an
'N passed, N failed' line.
"""
import argparse
import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriver:
    def __init__(self, driver_url, chromium):
        self.driver = driver_url.rstrip("/")
        options = {"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--window-size=1100,900"]}
        if chromium:
            options["binary"] = chromium
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.driver + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read().decode()).get("value") if method != "DELETE" else None

    def _s(self, path):
        return f"/session/{self.session}{path}"

    def open(self, url):
        self._call("POST", self._s("/url"), {"url": url})

    def find(self, css):
        return self._call("POST", self._s("/element"), {"using": "css selector", "value": css})[ELEMENT]

    def type(self, css, text):
        self._call("POST", self._s(f"/element/{self.find(css)}/value"), {"text": text})

    def click(self, css):
        self._call("POST", self._s(f"/element/{self.find(css)}/click"), {})

    def source(self):
        return self._call("GET", self._s("/source"))

    def element_screenshot(self, css, path):
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(self._call("GET", self._s(f"/element/{self.find(css)}/screenshot"))))

    def url(self):
        return self._call("GET", self._s("/url"))

    def screenshot(self, path):
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(self._call("GET", self._s("/screenshot"))))

    def wait_for(self, text, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.source():
                return True
            time.sleep(0.5)
        return False

    def quit(self):
        try:
            self._call("DELETE", f"/session/{self.session}")
        except Exception:  # the session may already be gone
            pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--chromium", default="")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    results = []
    shots = []

    def shot(browser, name):
        path = os.path.join(args.artifacts, name + ".png")
        browser.screenshot(path)
        shots.append(path)

    def check(name, condition):
        results.append((name, bool(condition)))
        print(("PASS " if condition else "FAIL ") + name, flush=True)

    laptop = WebDriver(args.driver, args.chromium)
    phone = WebDriver(args.driver, args.chromium)
    try:
        def sign_in(user, password, prefix):
            laptop.open(args.base + "/")
            shot(laptop, prefix + "-01-sign-in")
            laptop.type("#username", user)
            laptop.type("#password", password)
            laptop.click("#sign-in")

        def push(prefix, answer):
            check(prefix + ": the Universal Prompt is shown", laptop.wait_for("Send Me a Push"))
            shot(laptop, prefix + "-02-prompt")
            laptop.click("#send-push")
            check(prefix + ": the push is sent", laptop.wait_for("Check your phone"))
            shot(laptop, prefix + "-03-push-sent")
            phone.open(args.base + "/phone")
            check(prefix + ": the phone lists the request", phone.wait_for("Login request"))
            shot(phone, prefix + "-04-phone")
            phone.click("button." + answer)
            shot(phone, prefix + "-05-phone-answered")

        # Allow: alice approves.
        sign_in("alice", "correct-horse", "allow")
        push("allow", "approve")
        check("allow: access granted", laptop.wait_for("Access granted"))
        check("allow: factor shown", "duo_push" in laptop.source())
        shot(laptop, "allow-06-granted")
        laptop.open(args.base + "/admin")
        check("admin page lists the provider", laptop.wait_for("university-duo"))
        shot(laptop, "allow-07-admin")
        laptop.open(args.base + "/granted")
        laptop.click("#sign-out")

        # Deny: bob denies.
        sign_in("bob", "battery-staple", "deny")
        push("deny", "deny")
        check("deny: access denied", laptop.wait_for("Access denied"))
        check("deny: help-desk guidance shown", "What to do" in laptop.source())
        shot(laptop, "deny-06-denied")

        # Enrollment: carol has no device.
        sign_in("carol", "tr0ub4dor-3", "enroll")
        check("enroll: enrollment page with an otpauth key", laptop.wait_for("otpauth://totp/"))
        check("enroll: the key is drawn as a QR code", 'id="otpauth-qr"' in laptop.source())
        shot(laptop, "enroll-02-enrollment")
        qr_path = os.path.join(args.artifacts, "enroll-03-qr-code.png")
        laptop.element_screenshot("#otpauth-qr", qr_path)
        shots.append(qr_path)
        zbarimg = shutil.which("zbarimg")
        if zbarimg:
            match = re.search(r'id="otpauth-uri">([^<]*)<', laptop.source())
            uri = html.unescape(match.group(1)) if match else None
            decoded = subprocess.run([zbarimg, "--raw", "-q", qr_path], capture_output=True, text=True, timeout=30).stdout.strip()
            check("enroll: the QR code on screen decodes to the key's otpauth URI", uri is not None and decoded == uri)
        else:
            print("SKIP enroll: zbarimg is not installed, the QR code on screen is not decoded", flush=True)
    except Exception as error:  # report, then fail below
        check(f"browser flow ran without error ({type(error).__name__}: {error})", False)
        try:
            shot(laptop, "failure")
        except Exception:
            pass
    finally:
        laptop.quit()
        phone.quit()

    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    print(f"screenshots: {len(shots)} in {args.artifacts}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
