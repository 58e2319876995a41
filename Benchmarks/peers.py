#!/usr/bin/env python3
"""The Python peers of `duo speed`: the same nine operations with Duo's official packages
(duo-universal 2.3.x, duo-client 5.7.x) and pyotp, on the same inputs, timed the same way
(shared/docs/cli.md, Part 4), then the ratio table against a `duo speed --json` output.

    pip install duo-universal duo-client pyotp
    python3 Benchmarks/peers.py --ours ours.json [--seconds 1] [--inputs speed_inputs.json] [--json peers.json]

Each peer is self-checked before it is timed. Timing: warm-up of at least 10 ms and 1000
calls, batches of about S/20 run with `timeit` (which pauses the garbage collector within a
batch), whole batches until S seconds have passed; ns_per_op = elapsed / iterations.
"""
import argparse
import base64
import hashlib
import json
import sys
import time
import timeit
from pathlib import Path

import duo_client.client as duo_client
import duo_universal
import jwt
import pyotp
import warnings

# PyJWT warns about the 40-byte benchmark key on every call; the warning is not part of the figure.
warnings.filterwarnings("ignore")

HERE = Path(__file__).resolve().parent
OPERATIONS = ["create_auth_url", "validate_id_token", "client_assertion", "totp_sha1", "totp_sha512",
              "sign_request_v5", "sign_request_v2", "base32_decode", "parse_otpauth_uri"]
# Which floor each of our figures is read against (ref.* entries of `duo speed --json`).
FLOORS = {"sign_request_v5": "ref.sign_v5_floor", "sign_request_v2": "ref.hmac_sha512",
          "totp_sha1": "ref.hmac_sha1_8"}


class CheckFailed(Exception):
    pass


def expect(condition, operation, what):
    if not condition:
        raise CheckFailed(f"{operation}: {what}")


def build(inputs):
    """Self-checks every peer and returns {operation: zero-argument callable}."""
    u = inputs["universal"]
    client = duo_universal.Client(u["client_id"], u["client_secret"], u["api_host"], u["redirect_uri"])
    secret, client_id, token_url = u["client_secret"], u["client_id"], u["token_endpoint"]
    peers = {}

    # create_auth_url
    username, state = inputs["create_auth_url"]["username"], inputs["create_auth_url"]["state"]
    url = client.create_auth_url(username, state)
    expect(url.startswith(u["authorize_endpoint"] + "?"), "create_auth_url", "prefix")
    from urllib.parse import parse_qs, urlsplit
    request = parse_qs(urlsplit(url).query)["request"][0]
    claims = jwt.decode(request, secret, algorithms=["HS512"], audience=u["request_jwt_aud"])
    expect(claims["duo_uname"] == username and claims["state"] == state and claims["client_id"] == client_id,
           "create_auth_url", "claims")
    expect(0 < claims["exp"] - time.time() <= 301, "create_auth_url", "exp")
    peers["create_auth_url"] = lambda: client.create_auth_url(username, state)

    # validate_id_token: the post-HTTP half of exchange_authorization_code_for_2fa_result
    v = inputs["validate_id_token"]
    token, nonce = v["id_token"], v["nonce"]

    def validate(token=token):
        decoded = jwt.decode(token, secret, audience=client_id, issuer=token_url, leeway=60,
                             algorithms=["HS512"], options={"require": ["exp", "iat"], "verify_iat": True})
        if decoded.get("preferred_username") != v["username"]:
            raise ValueError("username")
        if decoded.get("nonce") != nonce:
            raise ValueError("nonce")
        return decoded
    decoded = validate()
    expect(decoded["auth_result"]["result"] == "allow" and decoded["auth_context"]["user"]["key"] == "DUBENCHUSER000000001",
           "validate_id_token", "claims")
    tampered = token[:-1] + ("B" if token[-1] == "A" else "A")
    try:
        validate(tampered)
        expect(False, "validate_id_token", "a tampered token was accepted")
    except jwt.InvalidSignatureError:
        pass
    peers["validate_id_token"] = validate

    # client_assertion: duo_universal's own path
    def assertion():
        return jwt.encode(client._create_jwt_args(token_url), secret, algorithm="HS512")
    first, second = assertion(), assertion()
    c1 = jwt.decode(first, secret, algorithms=["HS512"], audience=token_url)
    c2 = jwt.decode(second, secret, algorithms=["HS512"], audience=token_url)
    expect(c1["iss"] == client_id and c1["sub"] == client_id and c1["jti"] != c2["jti"], "client_assertion", "claims")
    peers["client_assertion"] = assertion

    # TOTP
    for name, digest in (("totp_sha1", hashlib.sha1), ("totp_sha512", hashlib.sha512)):
        t = inputs[name]
        otp = pyotp.TOTP(t["secret_base32"], digest=digest)
        expect(otp.at(t["time"]) == t["expected"], name, f"code {otp.at(t['time'])} != {t['expected']}")
        peers[name] = (lambda otp=otp, at=t["time"]: otp.at(at))

    # Auth API signing (the functions Client.api_call uses)
    s = inputs["sign_request"]
    params = dict(s["params"])
    args = (s["ikey"], s["skey"], s["method"], s["host"], s["path"], s["date"])

    def sign_v5():
        body = duo_client.Client.canon_json(params)
        return duo_client.sign(*args, 5, {}, body=body, digestmod=hashlib.sha512, additional_headers={}), body
    authorization, body = sign_v5()
    expect(body == inputs["sign_request_v5"]["expected_body"], "sign_request_v5", "body")
    expect(authorization == inputs["sign_request_v5"]["expected_authorization"], "sign_request_v5", "authorization")
    peers["sign_request_v5"] = sign_v5

    def sign_v2():
        return duo_client.sign(*args, 2, duo_client.normalize_params(params), digestmod=hashlib.sha512)
    expect(sign_v2() == inputs["sign_request_v2"]["expected_authorization"], "sign_request_v2", "authorization")
    peers["sign_request_v2"] = sign_v2

    # Base32 and otpauth
    b = inputs["base32_decode"]
    expect(base64.b32decode(b["input"], casefold=True).hex() == b["expected_hex"], "base32_decode", "bytes")
    peers["base32_decode"] = lambda s=b["input"]: base64.b32decode(s, casefold=True)

    p = inputs["parse_otpauth_uri"]
    parsed = pyotp.parse_uri(p["uri"])
    expect(parsed.issuer == "Example Corp" and parsed.name == "alice.benchmark@example.com"
           and parsed.secret == p["expected"]["secret"] and parsed.digits == 6 and parsed.interval == 30,
           "parse_otpauth_uri", "fields")
    peers["parse_otpauth_uri"] = lambda uri=p["uri"]: pyotp.parse_uri(uri)
    return peers


def measure(function, seconds):
    """cli.md Part 4 timing: warm-up, batches of about S/20 under timeit, until S seconds."""
    timer = timeit.Timer(function)
    warm_calls, warm_time = 0, 0.0
    while warm_calls < 1000 or warm_time < 0.010:
        warm_time += timer.timeit(number=100)
        warm_calls += 100
    batch = max(1, int((seconds / 20) / (warm_time / warm_calls)))
    calls, elapsed = 0, 0.0
    while elapsed < seconds:
        elapsed += timer.timeit(number=batch)
        calls += batch
    ns = elapsed * 1e9 / calls
    return {"ops_per_sec": 1e9 / ns, "ns_per_op": ns}


def table(ours, peers):
    lines = [f"{'operation':<20} {'ours ns/op':>11} {'peer ns/op':>11} {'ratio':>8} {'floor ns':>9} {'ours/floor':>10}"]
    for name in OPERATIONS:
        mine = ours.get(name, {}).get("ns_per_op")
        theirs = peers[name]["ns_per_op"]
        floor_name = FLOORS.get(name)
        floor = ours.get(floor_name, {}).get("ns_per_op") if floor_name else None
        ratio = f"{theirs / mine:7.1f}x" if mine else "missing"
        lines.append(f"{name:<20} {mine or 0:>11.0f} {theirs:>11.0f} {ratio:>8} "
                     f"{floor if floor else float('nan'):>9.0f} {(mine / floor) if (mine and floor) else float('nan'):>9.2f}x")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours", help="a `duo speed --json` output file to compare with")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--inputs", default=str(HERE / "speed_inputs.json"))
    parser.add_argument("--json", help="also write the peers' figures to this file")
    options = parser.parse_args()
    inputs = json.loads(Path(options.inputs).read_text())
    try:
        peers = build(inputs)
    except CheckFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    results = {}
    for name in OPERATIONS:
        print(f"timing peer {name}...", file=sys.stderr)
        results[name] = measure(peers[name], options.seconds)
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=1) + "\n")
    if options.ours:
        print(table(json.loads(Path(options.ours).read_text()), results))
    else:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
