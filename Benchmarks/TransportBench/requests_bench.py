"""Reference for the transport benchmark: Python `requests.Session` over keep-alive.

    python3 requests_bench.py URL CAFILE COUNT SECONDS NAME [POSTDATA]

Same URL and CA file as the Swift run; every answer's status is checked. Prints
`RESULT <name> <requests> <seconds> <rate>`.
"""
import sys
import time

import requests


def main() -> int:
    if len(sys.argv) < 6:
        print("usage: requests_bench.py URL CAFILE COUNT SECONDS NAME [POSTDATA]", file=sys.stderr)
        return 2
    url, ca, count, seconds, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    data = sys.argv[6] if len(sys.argv) > 6 else None
    session = requests.Session()
    # verify per call: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override Session.verify.
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {}

    def one() -> None:
        response = session.post(url, data=data, headers=headers, verify=ca) if data is not None else session.get(url, verify=ca)
        if response.status_code != 200 or not response.content:
            raise SystemExit(f"requests_bench: HTTP {response.status_code}")

    for _ in range(200):  # warm-up, as the Swift run
        one()
    started = time.perf_counter()
    deadline = started + seconds
    done = 0
    while done < count:
        one()
        done += 1
        if done % 64 == 0 and time.perf_counter() >= deadline:
            break
    elapsed = time.perf_counter() - started
    print(f"RESULT {name} {done} {elapsed:.3f} {done / elapsed:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
