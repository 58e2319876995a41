#!/usr/bin/env python3
"""Generates Tests/DuoOTPTests/Fixtures/otp-interop.json: HOTP/TOTP cases computed twice.

Every code is computed by an independent RFC 4226/6238 implementation written here on top of
Python's hashlib/hmac, and, whenever pyotp accepts the inputs, by pyotp as well; the script
stops if the two ever disagree. pyotp (2.12) refuses secrets under 112 bits, so for the short
keys (80-bit secrets that real accounts use) only the hashlib implementation answers.

Usage: pip install pyotp==2.12.0 && python3 Scripts/make-otp-fixtures.py
The random cases come from a fixed seed, so the output is reproducible.
"""
import base64
import hashlib
import hmac
import json
import os
import random
import sys

import pyotp

HASHES = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "DuoOTPTests", "Fixtures", "otp-interop.json")


def hotp(key: bytes, counter: int, digits: int, algorithm: str) -> str:
    mac = hmac.new(key, counter.to_bytes(8, "big"), HASHES[algorithm]).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(value % (10 ** digits)).zfill(digits)


def b32(key: bytes) -> str:
    return base64.b32encode(key).decode("ascii").rstrip("=")


def pyotp_code(secret: str, kind: str, digits: int, algorithm: str, period: int, moving: int):
    """pyotp's answer, or None when pyotp refuses the key (short secrets)."""
    digest = HASHES[algorithm]
    try:
        if kind == "totp":
            return pyotp.TOTP(secret, digits=digits, digest=digest, interval=period).at(moving)
        return pyotp.HOTP(secret, digits=digits, digest=digest).at(moving)
    except ValueError:
        return None


def main() -> None:
    rng = random.Random(20261123)
    key_lengths = [10, 10, 16, 20, 20, 20, 32, 64, 65, 100, 128, 130]
    special_times = [0, 1, 29, 30, 59, 2**31 - 1, 2**31, 2**32, 20000000000, 2**35 - 1, 2**35]
    special_counters = [0, 1, 2**32 - 1, 2**32, 2**63, 2**64 - 2, 2**64 - 1]
    cases = []
    checked_by_pyotp = 0
    for index in range(520):
        algorithm = ["SHA1", "SHA256", "SHA512"][index % 3]
        digits = [6, 7, 8][(index // 3) % 3]
        key = bytes(rng.randrange(256) for _ in range(rng.choice(key_lengths)))
        secret = b32(key)
        if index % 4 == 3:
            kind = "hotp"
            counter = special_counters[index // 4 % len(special_counters)] if index % 8 == 3 else rng.randrange(2**64)
            code = hotp(key, counter, digits, algorithm)
            case = {"type": "hotp", "counter": str(counter)}
            moving = counter
            period = 30
        else:
            kind = "totp"
            period = rng.choice([15, 30, 30, 45, 60, 90, 1, 17])
            time = special_times[index % len(special_times)] if index % 5 == 0 else rng.randrange(2**35 + 1)
            code = hotp(key, time // period, digits, algorithm)
            case = {"type": "totp", "time": time, "period": period}
            moving = time
        peer = pyotp_code(secret, kind, digits, algorithm, period, moving)
        if peer is not None:
            if peer != code:
                sys.exit(f"pyotp and hashlib disagree on case {index}: {peer} != {code}")
            checked_by_pyotp += 1
        case.update({"secret": secret, "key_hex": key.hex(), "algorithm": algorithm, "digits": digits,
                     "code": code, "pyotp_checked": peer is not None})
        cases.append(case)
    document = {
        "generator": "Scripts/make-otp-fixtures.py (hashlib/hmac reference; pyotp %s cross-check)" % pyotp_version(),
        "note": "counter is a decimal string because it can exceed 2^53",
        "cases": cases,
    }
    with open(OUT, "w") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")
    print(f"{len(cases)} cases, {checked_by_pyotp} also computed by pyotp", file=sys.stderr)


def pyotp_version() -> str:
    try:
        from importlib.metadata import version
        return version("pyotp")
    except Exception:
        return "unknown"


if __name__ == "__main__":
    main()
