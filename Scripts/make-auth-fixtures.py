#!/usr/bin/env python3
"""Generates Tests/DuoAuthAPITests/Fixtures/auth-signing-interop.json with Duo's official
Python client (pip install duo-client==5.7.0), so the Swift signer is cross-checked against Duo's
own canonicalization for awkward parameters: spaces, non-ASCII, ~ * & = + % / quotes, repeated
keys, empty values, pushinfo that is itself a query string.

Only facts are taken from duo_client (its outputs); nothing of its code is copied into the SDK.
Run: python3 Scripts/make-auth-fixtures.py
"""
import hashlib
import json
import os

import duo_client
from duo_client import client as duo

IKEY = "DIWJ8X6AEYOR5OMC6TQ1"
SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep"
HOST = "api-XXXXXXXX.duosecurity.com"
DATE = "Tue, 21 Aug 2012 17:29:18 -0000"

CASES = [
    ("POST", "/auth/v2/auth", {"username": "jörg müller", "factor": "push", "device": "auto", "async": "1",
                               "type": "Login ~*", "display_username": "Jörg & Co = Ltd",
                               "pushinfo": "from=login portal&domain=example.com&note=a%3Db"}),
    ("POST", "/auth/v2/preauth", {"username": "~alice*&=+ %/'\"", "ipaddr": "198.51.100.7", "hostname": "vpn gw.example"}),
    ("POST", "/auth/v2/auth", {"username": "日本語ユーザー", "factor": "passcode", "passcode": "123456", "async": "0"}),
    ("POST", "/auth/v2/auth", {"username": "emoji 😀 user", "factor": "push", "device": "DPXXXXXXXXXXXXXXXXXX",
                               "pushinfo": "q=%F0%9F%98%80&x=1%262", "async": "1"}),
    ("POST", "/auth/v2/enroll", {"username": "new user!", "valid_secs": "3600"}),
    ("POST", "/auth/v2/enroll_status", {"user_id": "DUXXXXXXXXXXXXXXXXXX", "activation_code": "duo://abc-def~ghi*"}),
    ("POST", "/auth/v2/enroll", {}),
    ("GET", "/auth/v2/auth_status", {"txid": "45f7c92b-f45f-4862-8545-e0f58e78075a"}),
    ("GET", "/auth/v2/check", {}),
    ("GET", "/admin/v1/users", {"username": ["zed", "a b", "é", "~*"], "empty": "", "tab\tkey": "line\nbreak"}),
    ("POST", "/auth/v2/preauth", {"username": "quote\"back\\slash\u0001ctl", "hostname": "a/b?c#d"}),
]


def as_list(params):
    return {k: (v if isinstance(v, list) else [v]) for k, v in params.items()}


def vector(method, path, params, sig_version):
    if sig_version == 5 and method in ("POST", "PUT", "PATCH"):
        body = duo.Client.canon_json(params)
        signed_params = {}
    else:
        body = "" if sig_version == 5 else None
        signed_params = duo.normalize_params(params)
    canonical = duo.canonicalize(method, HOST, path, signed_params, DATE, sig_version, body=body, additional_headers={})
    auth = duo.sign(IKEY, SKEY, method, HOST, path, DATE, sig_version, signed_params, body=body,
                    digestmod=hashlib.sha512, additional_headers={})
    return {
        "sig_version": sig_version,
        "method": method,
        "path": path,
        "params": [[k, v] for k, vs in as_list(params).items() for v in vs],
        "canonical_params": duo.canon_params(duo.normalize_params(params)),
        "canonical": canonical,
        "body": body,
        "authorization": auth,
    }


def main():
    vectors = [vector(m, p, params, v) for (m, p, params) in CASES for v in (2, 5)]
    out = {
        "generator": "Scripts/make-auth-fixtures.py",
        "library": "duo-client " + getattr(duo_client, "__version__", "unknown"),
        "ikey": IKEY, "skey": SKEY, "host": HOST, "date": DATE,
        "vectors": vectors,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Tests", "DuoAuthAPITests", "Fixtures", "auth-signing-interop.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(out, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {len(vectors)} vectors to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
