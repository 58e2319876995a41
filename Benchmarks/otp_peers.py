#!/usr/bin/env python3
"""pyotp (and Python's own primitives) on the inputs OTPBench uses, timed the same way.

Timing follows the `duo speed` rules (shared/docs/cli.md, Part 4): a self-check first, a warm-up
of at least 10 ms and 1000 iterations, batches of about S/20 run with timeit (which pauses the
garbage collector within a batch) until S seconds have passed.

Usage: python3 Benchmarks/otp_peers.py [--json] [--seconds S]     (needs: pip install pyotp)
"""
import base64
import hashlib
import hmac
import json
import sys
import time
import timeit

import pyotp

SHA1_SECRET = "ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU"
SHA512_SECRET = "ON3WSZTUFVSHK3ZNONYGKZLEFVZWQYJVGEZC223FPEWTAMJSGM2DKNRXHA4WCYTDMRSWMZ3INFVGW3DNNZXXA4LSON2HK5TXPB4XUII"
TIME = 1767225645
URI = ("otpauth://totp/Example%20Corp:alice.benchmark%40example.com?secret=ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU"
       "&issuer=Example%20Corp&algorithm=SHA1&digits=6&period=30")


def measure(function, seconds):
    warm, start = 0, time.perf_counter()
    while warm < 1000 or time.perf_counter() - start < 0.010:
        function()
        warm += 1
    per_iteration = max((time.perf_counter() - start) / warm, 1e-9)
    batch = max(1, int(seconds / 20 / per_iteration))
    timer = timeit.Timer(function)
    total, iterations = 0.0, 0
    while total < seconds:
        total += timer.timeit(number=batch)
        iterations += batch
    ns = total * 1e9 / iterations
    return {"ops_per_sec": 1e9 / ns, "ns_per_op": ns}


def main():
    seconds, as_json = 1.0, False
    args = sys.argv[1:]
    while args:
        arg = args.pop(0)
        if arg == "--json":
            as_json = True
        elif arg == "--seconds":
            seconds = float(args.pop(0))
        else:
            sys.exit("usage: otp_peers.py [--json] [--seconds S]")

    totp1 = pyotp.TOTP(SHA1_SECRET, digest=hashlib.sha1)
    totp512 = pyotp.TOTP(SHA512_SECRET, digest=hashlib.sha512)
    key = b"swift-duo-speed-1234"
    message = (TIME // 30).to_bytes(8, "big")
    prepared = hmac.new(key, digestmod=hashlib.sha1)

    # Self-checks.
    assert totp1.at(TIME) == "267577", "totp_sha1"
    assert totp512.at(TIME) == "898829", "totp_sha512"
    assert base64.b32decode(SHA1_SECRET, casefold=True) == key, "base32_decode"
    parsed = pyotp.parse_uri(URI)
    assert parsed.issuer == "Example Corp" and parsed.name == "alice.benchmark@example.com", "parse_otpauth_uri"
    assert totp1.verify("267577", for_time=TIME, valid_window=1), "totp_verify_window1"

    def hmac_prepared():
        mac = prepared.copy()
        mac.update(message)
        return mac.digest()

    operations = {
        "totp_sha1": lambda: totp1.at(TIME),
        "totp_sha512": lambda: totp512.at(TIME),
        "base32_decode": lambda: base64.b32decode(SHA1_SECRET, casefold=True),
        "parse_otpauth_uri": lambda: pyotp.parse_uri(URI),
        "totp_verify_window1": lambda: totp1.verify("267577", for_time=TIME, valid_window=1),
        "ref.hmac_sha1_8_bytes": hmac_prepared,
        "ref.hmac_sha1_8_bytes_unprepared": lambda: hmac.digest(key, message, "sha1"),
    }
    results = {}
    for name, function in operations.items():
        results[name] = measure(function, seconds)
        print(f"{name}: {results[name]['ops_per_sec']:.0f} ops/s", file=sys.stderr)
    if as_json:
        print(json.dumps(results))
    else:
        for name, result in results.items():
            print(f"{name:34} {result['ops_per_sec']:12.0f} ops/s {result['ns_per_op']:10.1f} ns/op")


if __name__ == "__main__":
    main()
