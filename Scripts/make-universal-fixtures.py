#!/usr/bin/env python3
"""Produce the Universal Prompt interop fixtures with Duo's official Python client.

Usage:
    python3 -m venv /tmp/duo-venv && /tmp/duo-venv/bin/pip install duo-universal==2.3.1 pyjwt
    /tmp/duo-venv/bin/python Scripts/make-universal-fixtures.py > Tests/DuoWebSDKTests/Fixtures/universal-interop.json

Time is frozen at T = 1_700_000_000 for everything. The JSON file holds:
  * python_auth_url: Duo's create_auth_url for fixed inputs (the Swift tests verify its request JWT and
    let FakeDuo accept it);
  * python_id_tokens: id_tokens shaped as Duo issues them, signed with PyJWT (the Swift client must
    accept them and decode them);
  * swift_request_jwt: the request JWT the Swift client must build for the same inputs, byte for byte
    (our JSON is deterministic: sorted keys, compact). PyJWT verifies it here as Duo's server would;
  * fakeduo_id_token: the id_token FakeDuo must issue for a scripted login, byte for byte; Duo's own
    exchange_authorization_code_for_2fa_result accepts it here (HTTP mocked, time frozen).
"""
import json
import sys
from datetime import datetime, timezone
from unittest import mock

import jwt
import duo_universal
from duo_universal import client as duo_client

T = 1_700_000_000
CLIENT_ID = "DIXXXXXXXXXXXXXXXXXX"
SECRET = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"
HOST = "api-xxxxxxx.test.duosecurity.com"
REDIRECT = "https://www.example.com/duo/callback"
USERNAME = "alice"
STATE = "deadbeefdeadbeefdeadbeefdeadbeefdead"
NONCE = "abcdefghijklmnopqrstuvwxyzabcdef"


class FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(T, tz or timezone.utc)


def compact(claims):
    return json.dumps(claims, sort_keys=True, separators=(",", ":"))


def sign_sorted(claims):
    # PyJWT keeps the dict's order; sorted keys make the bytes match Swift's encoder.
    return jwt.encode(json.loads(compact(claims)), SECRET, algorithm="HS512")


def duo_shaped_claims(result, status, message, nonce=None):
    claims = {
        "iss": f"https://{HOST}/oauth/v1/token", "aud": CLIENT_ID, "sub": USERNAME,
        "exp": T + 300, "iat": T, "auth_time": T, "preferred_username": USERNAME,
        "amr": ["mfa", "otp"] if result == "allow" else [],
        "auth_result": {"result": result, "status": status, "status_msg": message},
        "auth_context": {
            "txid": "7c3a5e2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "timestamp": T,
            "isotimestamp": "2023-11-14T22:13:20.000000+00:00", "event_type": "authentication",
            "factor": "duo_push", "result": "success" if result == "allow" else "denied",
            "reason": "user_approved" if result == "allow" else "user_cancelled", "alias": "", "email": None,
            "ood_software": None, "trusted_endpoint_status": "unknown",
            "user": {"name": USERNAME, "key": "DUXXXXXXXXXXXXXXXXXX", "groups": ["staff"]},
            "application": {"name": "Web SDK 4", "key": CLIENT_ID},
            "auth_device": {"ip": "192.0.2.10", "name": "iPhone", "location": {"city": "Ann Arbor", "state": "Michigan", "country": "United States"}},
            "access_device": {"ip": "192.0.2.20", "hostname": None, "location": {"city": "Ann Arbor", "state": "Michigan", "country": "United States"},
                              "browser": "Firefox", "browser_version": "130.0", "flash_version": "uninstalled", "java_version": "uninstalled",
                              "os": "Linux", "os_version": "6", "epkey": None, "is_encryption_enabled": "unknown",
                              "is_firewall_enabled": True, "is_password_set": False},
        },
    }
    if nonce:
        claims["nonce"] = nonce
    return claims


def fakeduo_claims():
    """Exactly what FakeDuo issues for alice (allow) with NONCE at time T, first token of the run."""
    location = {"city": "Ann Arbor", "state": "Michigan", "country": "United States"}
    return {
        "iss": f"https://{HOST}/oauth/v1/token", "aud": CLIENT_ID, "sub": USERNAME, "exp": T + 300, "iat": T,
        "auth_time": T, "preferred_username": USERNAME, "amr": ["mfa", "pwd"], "nonce": NONCE,
        "auth_result": {"result": "allow", "status": "allow", "status_msg": "Login Successful"},
        "auth_context": {
            "txid": "00000000-0000-4000-8000-000000000001", "timestamp": T,
            "isotimestamp": datetime.fromtimestamp(T, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "event_type": "authentication", "factor": "duo_push", "result": "success", "reason": "user_approved",
            "alias": "", "email": None, "ood_software": None, "trusted_endpoint_status": "unknown",
            "user": {"name": USERNAME, "key": "DU" + "X" * 18, "groups": []},
            "application": {"name": "Web SDK 4", "key": CLIENT_ID},
            "auth_device": {"ip": "192.0.2.10", "name": "iPhone", "location": location},
            "access_device": {"ip": "192.0.2.20", "hostname": None, "location": location, "browser": "Firefox",
                              "browser_version": "130.0", "flash_version": "uninstalled", "java_version": "uninstalled",
                              "os": "Linux", "os_version": "6", "epkey": None, "is_encryption_enabled": "unknown",
                              "is_firewall_enabled": True, "is_password_set": False},
        },
    }


def duo_accepts_id_token(token, nonce):
    """Runs Duo's own exchange code on a token (HTTP mocked, time frozen) and returns the claims."""
    client = duo_universal.Client(CLIENT_ID, SECRET, HOST, REDIRECT)
    response = mock.Mock(status_code=200)
    response.json.return_value = {"id_token": token, "access_token": "x", "expires_in": 3600, "token_type": "Bearer"}
    with mock.patch.object(duo_client.requests, "post", return_value=response), \
            mock.patch.object(duo_client.time, "time", return_value=T), \
            mock.patch("jwt.api_jwt.datetime", FrozenDatetime):
        return client.exchange_authorization_code_for_2fa_result("code", USERNAME, nonce=nonce)


def main():
    client = duo_universal.Client(CLIENT_ID, SECRET, HOST, REDIRECT)
    with mock.patch.object(duo_client.time, "time", return_value=T):
        python_auth_url = client.create_auth_url(USERNAME, STATE, nonce=NONCE)

    swift_request_claims = {
        "response_type": "code", "scope": "openid", "exp": T + 300, "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT, "state": STATE, "duo_uname": USERNAME, "iss": CLIENT_ID,
        "aud": f"https://{HOST}", "use_duo_code_attribute": True, "nonce": NONCE,
    }
    swift_request_jwt = sign_sorted(swift_request_claims)
    # Duo's server side: HS512, aud = https://host, iss = client id, not expired at T.
    with mock.patch("jwt.api_jwt.datetime", FrozenDatetime):
        checked = jwt.decode(swift_request_jwt, SECRET, algorithms=["HS512"], audience=f"https://{HOST}", issuer=CLIENT_ID)
    assert checked == swift_request_claims

    id_tokens = {
        "allow": jwt.encode(duo_shaped_claims("allow", "allow", "Login Successful", NONCE), SECRET, algorithm="HS512"),
        "deny": jwt.encode(duo_shaped_claims("deny", "deny", "Login denied"), SECRET, algorithm="HS512"),
        "timeout": jwt.encode(duo_shaped_claims("deny", "timeout", "Login timed out"), SECRET, algorithm="HS512"),
    }
    for name, token in id_tokens.items():
        duo_accepts_id_token(token, NONCE if name == "allow" else None)

    fakeduo_id_token = sign_sorted(fakeduo_claims())
    accepted = duo_accepts_id_token(fakeduo_id_token, NONCE)
    assert accepted["auth_result"]["result"] == "allow"

    json.dump({
        "generator": f"Scripts/make-universal-fixtures.py with duo-universal {duo_client.__version__ if hasattr(duo_client, '__version__') else '2.3.1'} and PyJWT {jwt.__version__}",
        "time": T, "client_id": CLIENT_ID, "client_secret": SECRET, "api_host": HOST, "redirect_uri": REDIRECT,
        "username": USERNAME, "state": STATE, "nonce": NONCE,
        "python_auth_url": python_auth_url,
        "python_id_tokens": id_tokens,
        "swift_request_jwt": swift_request_jwt,
        "fakeduo_id_token": fakeduo_id_token,
    }, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
