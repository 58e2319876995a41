#!/usr/bin/env python3
"""Writes Tests/DuoCoreTests/Fixtures/jwt-interop.json with PyJWT, the JWT library Duo's Python SDK uses.

Both directions of the HS512 interop check come from this file:
- "pyjwt_signed": tokens PyJWT signed (its own header and JSON layout); the Swift tests must verify them
  and decode the same claims.
- "swift_expected": claims plus the compact token the Swift signer must produce byte for byte. Our JSON is
  deterministic (sorted keys, compact, unescaped '/', UTF-8), so the script serialises the claims the same
  way, has PyJWT sign those exact bytes, and checks with jwt.decode that PyJWT accepts the result. A Swift
  token equal to this string is therefore a token PyJWT verifies.

Run: pip install pyjwt && python3 Scripts/make-jwt-fixtures.py
"""
import json
import os
import sys

import jwt
from jwt.api_jws import PyJWS

KEY = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"   # the 40-character test secret of Duo's Python SDK tests
OTHER_KEY = "wrongclientidwrongclientidwrongclientidw"

PYJWT_CASES = [
    ("duo_id_token_shape", {
        "iss": "https://api-XXXXXXX.test.duosecurity.com/oauth/v1/token",
        "aud": "DIXXXXXXXXXXXXXXXXXX", "sub": "user1", "exp": 4102444800, "iat": 1700000000,
        "auth_time": 1700000000, "preferred_username": "user1", "nonce": "abcdefghijklmnopqrstuvwxyzabcdef",
        "auth_result": {"result": "allow", "status": "allow", "status_msg": "Login Successful"},
        "auth_context": {"factor": "duo_push", "txid": "123456", "user": {"name": "user1", "key": "DU1", "groups": []},
                         "access_device": {"is_encryption_enabled": "unknown", "is_firewall_enabled": True}},
    }),
    ("client_assertion_shape", {
        "iss": "DIXXXXXXXXXXXXXXXXXX", "sub": "DIXXXXXXXXXXXXXXXXXX",
        "aud": "https://api-XXXXXXX.test.duosecurity.com/oauth/v1/token", "exp": 4102444800,
        "jti": "abcdefghijklmnopqrstuvwxyz0123456789",
    }),
    ("audience_array", {"iss": "issuer", "aud": ["other", "DIXXXXXXXXXXXXXXXXXX"], "exp": 4102444800}),
    ("unicode_and_slashes", {"name": "J\u00fcrgen \u00c5str\u00f6m \u65e5\u672c", "url": "https://example.com/a/b?c=d",
                             "exp": 4102444800}),
    ("float_exp", {"exp": 4102444800.5, "iat": 1700000000.25}),
]

SWIFT_CASES = [
    ("registered_claims", {"iss": "DIXXXXXXXXXXXXXXXXXX", "sub": "DIXXXXXXXXXXXXXXXXXX",
                           "aud": "https://api-XXXXXXX.test.duosecurity.com/oauth/v1/token",
                           "exp": 310, "iat": 10, "jti": "deadbeef"}),
    ("nested_and_unicode", {"z": {"b": [1, 2, {"y": True, "x": None}], "a": "text/with/slashes"},
                            "name": "J\u00fcrgen \u65e5\u672c", "exp": 4102444800, "quote": "say \"hi\"\\"}),
    ("request_object", {"response_type": "code", "scope": "openid", "client_id": "DIXXXXXXXXXXXXXXXXXX",
                        "redirect_uri": "https://www.example.com", "state": "deadbeefdeadbeefdeadbeefdeadbeefdead",
                        "duo_uname": "user1", "use_duo_code_attribute": True, "exp": 302,
                        "iss": "DIXXXXXXXXXXXXXXXXXX", "aud": "https://api-XXXXXXX.test.duosecurity.com"}),
]


def canonical(claims):
    return json.dumps(claims, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def main():
    out_path = os.path.join(os.path.dirname(__file__), "..", "Tests", "DuoCoreTests", "Fixtures", "jwt-interop.json")
    pyjwt_signed = []
    for name, claims in PYJWT_CASES:
        token = jwt.encode(claims, KEY, algorithm="HS512")
        pyjwt_signed.append({"name": name, "claims": claims, "token": token})
    swift_expected = []
    for name, claims in SWIFT_CASES:
        token = PyJWS().encode(canonical(claims), KEY.encode(), algorithm="HS512")
        decoded = jwt.decode(token, KEY, algorithms=["HS512"], options={"verify_aud": False, "verify_exp": False,
                                                                        "verify_iat": False})
        assert decoded == claims, name
        try:
            jwt.decode(token, OTHER_KEY, algorithms=["HS512"], options={"verify_exp": False, "verify_aud": False})
            sys.exit(f"{name}: PyJWT accepted the token under the wrong key")
        except jwt.InvalidSignatureError:
            pass
        swift_expected.append({"name": name, "claims": claims, "payload_json": canonical(claims).decode("utf-8"),
                               "token": token})
    fixture = {"generator": "Scripts/make-jwt-fixtures.py", "pyjwt_version": jwt.__version__, "key": KEY,
               "wrong_key": OTHER_KEY, "pyjwt_signed": pyjwt_signed, "swift_expected": swift_expected}
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(fixture, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {out_path}: {len(pyjwt_signed)} PyJWT tokens, {len(swift_expected)} Swift expectations")


if __name__ == "__main__":
    main()
