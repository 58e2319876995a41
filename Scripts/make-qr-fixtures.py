#!/usr/bin/env python3
"""Generates Tests/DuoQRTests/Fixtures/segno-matrices.json: QR module matrices made by segno.

Each case fixes the payload, error-correction level, version and mask, so the matrix is fully
determined by ISO/IEC 18004 and DuoQR must reproduce it bit for bit. The cases cover the three
modes (numeric, alphanumeric, byte), all four levels, all eight masks and versions 1 to 40,
including the versions where the character count field grows (10, 27), the first with version
information (7) and the one with an irregular alignment step (32). segno is only needed to
regenerate the file; the tests read the committed JSON.

One segno step is replaced: segno 1.6.6 appends 8 zero padding bits when the bit stream after
the terminator already ends on a codeword boundary (always so in byte mode), which puts an
extra 0x00 codeword before the 0xEC/0x11 pad codewords. ISO/IEC 18004 (7.4.10) pads only a
stream that does not end on a boundary, and readers ignore everything after the terminator,
so both codes read the same; the fixtures use the standard padding so the matrices can be
compared bit for bit. Everything else (Reed-Solomon, interleaving, placement, masks, format and
version information) is segno's own.

Usage: pip install segno==1.6.6 && python3 Scripts/make-qr-fixtures.py
The payloads come from a fixed seed, so the output is reproducible.
"""
import json
import os
import random

import segno
from segno import encoder


def standard_padding_bits(buff, version, length):
    """ISO/IEC 18004 7.4.10: zero bits up to the next codeword boundary, none when already on one."""
    buff.extend([0] * ((8 - length % 8) % 8))


encoder.write_padding_bits = standard_padding_bits

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "DuoQRTests", "Fixtures", "segno-matrices.json")
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
LEVELS = "LMQH"
VERSIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 20, 22, 24, 26, 27, 28, 30, 32, 33, 35, 37, 39, 40]


def payload(rng: random.Random, mode: str, length: int) -> bytes:
    if mode == "numeric":
        return "".join(rng.choice("0123456789") for _ in range(length)).encode()
    if mode == "alphanumeric":
        return "".join(rng.choice(ALPHANUMERIC) for _ in range(length)).encode()
    # Byte mode: lower-case letters guarantee the encoder cannot pick a smaller mode.
    return bytes([rng.choice(b"abcdefghijklmnopqrstuvwxyz")] + [rng.randrange(256) for _ in range(length - 1)])


def main() -> None:
    rng = random.Random(18004)
    cases = []
    for index, version in enumerate(VERSIONS):
        level = LEVELS[index % 4]
        mask = index % 8
        mode = ["byte", "alphanumeric", "numeric"][index % 3]
        # About 60% of the symbol's capacity in that mode, so the data ends in padding.
        capacity = {"numeric": 3.3, "alphanumeric": 1.8, "byte": 1.0}[mode] * byte_capacity(version, level)
        length = max(1, int(capacity * 0.6))
        data = payload(rng, mode, length)
        content = data if mode == "byte" else data.decode()
        qr = segno.make_qr(content, error=level, version=version, mask=mask, mode=mode, boost_error=False)
        assert qr.version == version and qr.mask == mask and qr.error == level and qr.mode == mode, (qr, version, mask, level, mode)
        rows = ["".join("1" if bit else "0" for bit in row) for row in qr.matrix]
        cases.append({"version": version, "level": level, "mask": mask, "mode": mode, "payloadHex": data.hex(), "rows": rows})
    # All eight masks on one small symbol.
    data = b"otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
    for mask in range(8):
        qr = segno.make_qr(data, error="M", version=6, mask=mask, mode="byte", boost_error=False)
        rows = ["".join("1" if bit else "0" for bit in row) for row in qr.matrix]
        cases.append({"version": 6, "level": "M", "mask": mask, "mode": "byte", "payloadHex": data.hex(), "rows": rows})
    with open(OUT, "w") as output:
        json.dump({"generator": f"segno {segno.__version__}", "cases": cases}, output, indent=1)
        output.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")


def byte_capacity(version: int, level: str) -> int:
    """The longest byte-mode payload segno fits in a version and level."""
    low, high = 1, 3000
    while low < high:
        middle = (low + high + 1) // 2
        try:
            segno.make_qr(b"a" * middle, error=level, version=version, mode="byte", boost_error=False)
            low = middle
        except segno.DataOverflowError:
            high = middle - 1
    return low


if __name__ == "__main__":
    main()
