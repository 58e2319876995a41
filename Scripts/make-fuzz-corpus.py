#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/Corpus/ (a few valid and near-valid inputs per target).

Standard library only. Each target's first bytes select a mode (see the target's source); the
seeds below spell those bytes out. Tokens are signed with the fuzz targets' fixed test key.
Run from the repository root: python3 Scripts/make-fuzz-corpus.py
"""
import base64
import hashlib
import hmac
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fuzz", "Corpus")
SECRET = b"fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"
CLIENT_ID = "DIFUZZ00000000000000"
HOST = "api-fuzz.duosecurity.com"
NOW = 1_750_000_000
NONCE = "nonce-0123456789abcdef"


def b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def sign(header: bytes, payload: bytes, key: bytes = SECRET) -> bytes:
    signing_input = b64(header) + b"." + b64(payload)
    return signing_input + b"." + b64(hmac.new(key, signing_input, hashlib.sha512).digest())


def compact(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


HEADER = b'{"alg":"HS512","typ":"JWT"}'
ID_CLAIMS = {
    "aud": CLIENT_ID, "auth_result": {"result": "allow", "status": "allow", "status_msg": "Login Successful"},
    "auth_time": NOW, "exp": NOW + 300, "iat": NOW, "iss": f"https://{HOST}/oauth/v1/token", "nonce": NONCE,
    "preferred_username": "alice", "sub": "alice",
    "auth_context": {"result": "allow", "factor": "duo_push", "access_device": {"ip": "192.0.2.1"}},
    "amr": ["pwd", "mfa"],
}
DENY_CLAIMS = dict(ID_CLAIMS, auth_result={"result": "deny", "status": "deny", "status_msg": "Login denied"})
EXPIRED_CLAIMS = dict(ID_CLAIMS, exp=NOW - 3600, iat=NOW - 4000)
OTHER_USER = dict(ID_CLAIMS, preferred_username="bob")

seeds = {
    "FuzzJWT": [
        b"\x00" + sign(HEADER, compact({"exp": NOW + 60, "sub": "alice"})),
        b"\x00" + sign(HEADER, compact(ID_CLAIMS)),
        b"\x00" + sign(b'{"alg":"none","typ":"JWT"}', compact({"exp": NOW + 60})),
        b"\x00" + sign(b'{"alg":"HS256","typ":"JWT"}', compact({"exp": NOW + 60})),
        b"\x00" + sign(HEADER, compact({"exp": NOW + 60}), key=b"wrong key"),
        b"\x00" + sign(HEADER, compact({"exp": NOW + 60}))[:-3],
        b"\x00eyJhbGciOiJIUzUxMiJ9.e30.",
        b"\x00a.b.c.d",
        b"\x01\x05\x07" + compact(ID_CLAIMS),
        b"\x01\x00\x00" + compact({"exp": "soon", "iat": 1e300, "aud": [CLIENT_ID, 5], "nbf": NOW + 9999}),
        b"\x01\x10\x20[1,2,3]",
        b"\x02\x03\x09" + HEADER + b"\x00" + compact({"exp": NOW + 60}),
        b"\x02\x01\x01" + b'{"alg":"HS512","crit":["exp"]}' + b"\x00" + compact({"exp": NOW + 60}),
        b"\x02\x01\x01" + b'{"alg":"HS512","typ":"jwt"}' + b"\x00{}",
    ],
    "FuzzBase64URL": [b"", b"Zg", b"Zm8", b"Zm9v", b"Zh", b"Zm9=", b"-_-_", b"a", b"\xff\xfe", b"SGVsbG8sIHdvcmxk"],
    "FuzzJSONValue": [
        b'{"a":1,"b":[true,false,null],"c":"x\\u0000y","d":1.5,"e":{"f":-9223372036854775808}}',
        b"[1e308, -0.0, 12345678901234567890, 1.0, \"\\ud83d\\ude00\"]",
        b'"text"', b"null", b"true", b"9223372036854775807", b"-1e-300", b"[[[[[]]]]]",
    ],
    "FuzzIdentifiers": [
        HOST.encode(), b"API-FUZZ.duosecurity.com:443", b"127.0.0.1:8443", b"[::1]:8443", b"localhost",
        b"https://api-x.duosecurity.com/", b"user@host", b"host:0", b"host:65536", b"a..b",
        CLIENT_ID.encode(), b"DIWJ8X6AEYOR5OMC6TQ1", b"fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz",
    ],
    "FuzzCallback": [
        b"\x00state=state-0123456789abcdef0123456789abcdef&duo_code=abc123",
        b"\x01code=abc123&state=state-0123456789abcdef0123456789abcdef",
        b"\x00state=state-0123456789abcdef0123456789abcdef&error=access_denied&error_description=User+denied",
        b"\x00state=state-0123456789abcdef0123456789abcdef&duo_code=",
        b"\x00state=other&duo_code=abc",
        b"\x00state=state-0123456789abcdef%30123456789abcdef0123456789abcdef&duo_code=%zz",
        b"\x00duo_code=a&duo_code=b&state=state-0123456789abcdef0123456789abcdef&state=x",
    ],
    "FuzzTokenResponse": [
        b"\x00\x01" + compact(ID_CLAIMS),
        b"\x00\x01" + compact(DENY_CLAIMS),
        b"\x00\x01" + compact(EXPIRED_CLAIMS),
        b"\x00\x01" + compact(OTHER_USER),
        b"\x00\x00" + compact({"access_token": "x", "id_token": sign(HEADER, compact(ID_CLAIMS)).decode()}),
        b"\x00\x00" + compact({"access_token": "x", "id_token": sign(HEADER, compact(ID_CLAIMS), key=b"k").decode()}),
        b"\x00\x00" + compact({"access_token": "x"}),
        b"\x04\x00" + compact({"error": "invalid_grant", "error_description": "The code has expired"}),
        b"\x05\x00" + compact({"stat": "FAIL", "code": 40002, "message": "Invalid request", "message_detail": "x"}),
        b"\x06\x00" + b"rate limited",
        b"\x00\x00" + b"<html>not json</html>",
    ],
    "FuzzHealthCheck": [
        b"\x00" + compact({"stat": "OK", "response": {"timestamp": NOW}}),
        b"\x00" + compact({"stat": "OK", "timestamp": NOW}),
        b"\x03" + compact({"stat": "FAIL", "code": 40002, "message": "invalid_client", "message_detail": "bad"}),
        b"\x04" + compact({"error": "invalid_client", "error_description": "Invalid Client assertion"}),
        b"\x05" + b"{}",
        b"\x06" + b"Internal Server Error",
        b"\x00" + compact({"stat": "OK", "response": {"timestamp": 1.5e300}}),
    ],
    "FuzzRememberedBrowser": [
        b"\x01\x10\x20",
        b"\x01\xff\x03",
        b"\x00\x00\x00rb1.fuzz-1." + b"A" * 86 + b"." + b"A" * 43,
        b"\x00\x00\x00rb1..x.y",
        b"\x00\x00\x00rb2.k.AAAA.AAAA",
    ],
    "FuzzRetryAfter": [
        b"\x01\x06120", b"\x03\x0630", b"\x02\x02 7 ", b"\x09\x07999999999", b"\x01\x01Wed, 21 Oct 2015 07:28:00 GMT",
        b"\x01\x06-5", b"\x01\x06+5", b"\x01\x0600000000001",
    ],
    "FuzzBase32": [
        b"JBSWY3DPEHPK3PXP", b"jbsw y3dp ehpk 3pxp", b"MZXW6===", b"MZXW6YQ=", b"MZXW6YTBOI======",
        b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", b"MZ", b"MZXQ", b"MZXW6", b"MZXW6YQ", b"MZXW6YR",
        b"A", b"ABC", b"ABCDEF", b"0189", b"=A", b"A=B", b"  ", b"====", b"\xff\xfe", b"MZ\xc3\xa9",
    ],
    "FuzzQRCode": [
        b"\x01otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
        b"\x000123456789012345678901234567890", b"\x03HTTPS://EXAMPLE.COM/ABC $%*+-./:",
        b"\x02duo://8LIRa5danrICkhHtkLxi-cKLu2DWzDYCmBwBHY2YzW5ZYnYaRxA", b"\x02", b"\x00" + bytes(range(256)) * 4,
    ],
    "FuzzOTPAuthURI": [
        b"otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
        b"otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co"
        b"&algorithm=SHA256&digits=8&period=60",
        b"otpauth://hotp/Duo:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=42&algorithm=SHA512&digits=7",
        b"OTPAUTH://TOTP/alice?secret=jbsw%20y3dp%20ehpk%203pxp",
        b"otpauth://totp/Example%3Aalice?secret=JBSWY3DPEHPK3PXP&issuer=Example&image=https%3A%2F%2Fx",
        b"otpauth://totp/:a:b?secret=JBSWY3DPEHPK3PXP",
        b"otpauth://totp?secret=JBSWY3DPEHPK3PXP#fragment",
        b"otpauth://totp/Other:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example",
        b"otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=MZXW6YQ",
        b"otpauth://totp/a?secret=JBSWY3DPEHPK3PX1&digits=9&period=0",
        b"otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551616",
        b"otpauth://totp/%ZZ?secret=JBSWY3DPEHPK3PXP",
        b"otpauth://totp/%C3%A9t%C3%A9?secret=JBSWY3DPEHPK3PXP&issuer=%E2%9C%93",
        b"https://example.com/?secret=JBSWY3DPEHPK3PXP",
    ],
    # First byte: endpoint (0 ping, 1 check, 2 logo, 3 enroll, 4 enroll_status, 5 preauth,
    # 6 auth, 7 startAuth, 8 auth_status); second: status (0 200, 5 400, 6 401, 7 403, 8 429,
    # 9 500); third: Content-Type (even JSON, odd image/png); then the body.
    "FuzzAuthAPIResponse": [
        b"\x00\x00\x00" + compact({"stat": "OK", "response": {"time": NOW}}),
        b"\x01\x00\x00" + compact({"stat": "OK", "response": {"time": NOW}}),
        b"\x02\x00\x01" + b"\x89PNG\r\n\x1a\n",
        b"\x02\x00\x00" + compact({"stat": "OK", "response": {}}),
        b"\x03\x00\x00" + compact({"stat": "OK", "response": {
            "activation_barcode": "https://api-fuzz.duosecurity.com/frame/qr?value=x", "activation_code": "duo://x",
            "activation_url": "https://m-fuzz.duosecurity.com/activate/x", "expiration": NOW + 86400,
            "user_id": "DUFUZZ", "username": "alice"}}),
        b"\x04\x00\x00" + compact({"stat": "OK", "response": "success"}),
        b"\x05\x00\x00" + compact({"stat": "OK", "response": {
            "result": "auth", "status_msg": "Account is active",
            "devices": [{"device": "DPFUZZ", "type": "phone", "number": "XXX-XXX-0100", "name": "My Phone",
                         "capabilities": ["auto", "push", "sms", "phone", "mobile_otp"], "sms_nextcode": "1"}]}}),
        b"\x05\x00\x00" + compact({"stat": "OK", "response": {"result": "enroll", "status_msg": "Enroll",
                                                              "enroll_portal_url": "https://x"}}),
        b"\x06\x00\x00" + compact({"stat": "OK", "response": {"result": "allow", "status": "allow",
                                                              "status_msg": "Success. Logging you in...",
                                                              "trusted_device_token": "t"}}),
        b"\x06\x00\x00" + compact({"stat": "OK", "response": {"result": "waiting", "status": "pushed"}}),
        b"\x07\x00\x00" + compact({"stat": "OK", "response": {"txid": "45f7c92b-f45f-4862-8545-e0f58e78075a"}}),
        b"\x08\x00\x00" + compact({"stat": "OK", "response": {"result": "deny", "status": "fraud",
                                                              "status_msg": "Login request reported as fraudulent."}}),
        b"\x01\x06\x00" + compact({"stat": "FAIL", "code": 40103, "message": "Invalid signature in request credentials"}),
        b"\x05\x05\x00" + compact({"stat": "FAIL", "code": "40002", "message": "Invalid request parameters",
                                     "message_detail": "username"}),
        b"\x06\x08\x00" + compact({"stat": "FAIL", "code": 42901, "message": "Too Many Requests"}),
        b"\x06\x09\x00" + b"<html>Internal Server Error</html>",
        b"\x05\x00\x00" + b'{"stat":"OK"}',
        b"\x05\x00\x00" + b'{"stat":"OK","response":[1]}',
        b"\x00\x00\x00" + b'{"stat":"FAIL","stat":"OK","response":{"time":1}}',
        # Regression (fuzzing finding): raw CR and NUL in the string of a repeated key, which
        # JSONDecoder skips unchecked (it keeps the first value), so it read the body as OK.
        b"\x01\x00\x00" + b'{"stat":"OK","response":{"time":1750000000,"note":"a","note":"a\r\x00b"}}',
        b'\x03\x00\x00{"response":{"activation_barcode":"https://a?value=x","activation_code":"duo://x",'
        b'"activation_url":"htttiv\r\x00ate/x","expiration":3500172801,"user_id":"DUFUZZ","username":"alice"},"stat":"OK"}',
        # Regression (second finding): invalid UTF-8 in a repeated key's string, same cause.
        b'\x08\x00\x00{"response":{"result":"deny","status":"fraud","status_msg":"Lny","status":"\xe6raud"},"stat":"OK"}',
    ],
    # First byte: version (even v5, odd v2); second: method (0 GET, 1 POST, 4 DELETE, 5 PUT);
    # then NUL-separated names and values.
    "FuzzAuthAPICanonical": [
        b"\x00\x01username\x00alice\x00factor\x00push\x00device\x00auto",
        b"\x01\x01username\x00alice\x00factor\x00passcode\x00passcode\x00123456",
        b"\x00\x00txid\x0045f7c92b-f45f-4862-8545-e0f58e78075a",
        b"\x01\x00a b\x00c d\x00\xc3\xa9\x00x\x00foo\x001\x00~-._\x00!*'()",
        b"\x00\x01pushinfo\x00from=login&domain=example.com\x00name\x00v1\x00name\x00v0",
        b"\x00\x05e\xcc\x81\x00x\x00\xc3\xa9\x00y",
        b"\x01\x04\x00\x00=\x00&\x00%\x00+",
        b"\x00\x01\xf0\x9f\x98\x80\x00\xff\xfe",
    ],
    "FuzzStrictJSON": [
        compact({"a": 1, "b": [True, False, None], "c": "x", "d": {"e": -9223372036854775808}}),
        b'{"s":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/","n":9223372036854775807}',
        b' { "k" : [ 1 , 2 ] } ',
        b'{"a":1,"a":2}',
        b'{"a":1.5}', b'{"a":-0}', b'{"a":01}', b'{"a":"\\ud800"}', b'{"a":"\x00"}',
        b"{" + b'"a":[' * 40 + b"]" * 40 + b"}",
        b'{"e\xcc\x81":1,"\xc3\xa9":2}',
        b'{"a":"\xff"}', b"{}", b"[]",
    ],
}

for target, inputs in seeds.items():
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    for index, data in enumerate(inputs):
        with open(os.path.join(folder, f"seed-{index:02d}"), "wb") as handle:
            handle.write(data)
    print(f"{target}: {len(inputs)} seeds")
