#!/usr/bin/env python3
"""Generates tests/data/webhook_vectors.json: webhook verification cases for both signature
schemes, computed with the Python standard library only (hmac, hashlib, base64), independently
of libimagekit.

Sources for the schemes: the Standard Webhooks spec (https://www.standardwebhooks.com/: headers
webhook-id / webhook-timestamp / webhook-signature, HMAC-SHA256 over "id.timestamp.body", base64,
space-separated "v1,<sig>" entries, whsec_ secrets) and ImageKit's older x-ik-signature scheme
(docs api-introduction/webhooks.md, imagekit-nodejs 6 utils/webhook-signature.js: "t=<ms>,v1=<hex>",
HMAC-SHA256 over "t.body" keyed with the secret string).

Each case: the secret, the body (text, or body_b64 for arbitrary bytes), the request headers,
the options passed to ik_webhooks_unwrap, and the expected outcome: "ok" (the event is the
body) or the reason the library must give. The inputs are fixed, so the output is stable:

    python3 tests/data/webhook_vectors.py > tests/data/webhook_vectors.json

tests/it/ffi_webhook.rs runs this script and fails if the committed JSON differs from its output.
"""

import base64
import hashlib
import hmac
import json

NOW = 1714035985  # the frozen clock ("now" option), unix seconds
NOW_MS = NOW * 1000

KEY = bytes(range(1, 33))  # the 32 key bytes behind the whsec_ secret
SECRET = "whsec_" + base64.b64encode(KEY).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(bytes(range(101, 133))).decode()
LEGACY_SECRET = "whsec_legacy-dashboard-secret"

EVENT = json.dumps(
    {
        "id": "evt_2Xf1",
        "type": "video.transformation.ready",
        "created_at": "2024-04-25T09:06:25.000Z",
        "data": {"asset": {"url": "https://ik.imagekit.io/demo/sample.mp4"}},
    },
    separators=(",", ":"),
)
MSG_ID = "msg_2Xf1Ab9cD"


def hmac256(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def std_sig(key: bytes, msg_id: str, ts: str, body: bytes) -> str:
    return "v1," + base64.b64encode(hmac256(key, f"{msg_id}.{ts}.".encode() + body)).decode()


def legacy_sig(key: bytes, t: str, body: bytes) -> str:
    return hmac256(key, f"{t}.".encode() + body).hex()


def decoded(secret: str) -> bytes:
    return base64.b64decode(secret[len("whsec_"):])


cases = []


def case(name, headers, expect, body=EVENT, secret=SECRET, options=None, body_bytes=None):
    c = {"name": name, "secret": secret}
    if body_bytes is not None:
        c["body_b64"] = base64.b64encode(body_bytes).decode()
    else:
        c["body"] = body
    c["headers"] = headers
    c["options"] = {"now": NOW, **(options or {})}
    c["expect"] = expect
    cases.append(c)


def std_headers(sig, ts=NOW, msg_id=MSG_ID):
    return {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": sig}


B = EVENT.encode()
T = str(NOW)
GOOD = std_sig(KEY, MSG_ID, T, B)  # Standard Webhooks key: base64 after whsec_ (node7)
GOOD_RAW = std_sig(SECRET.encode(), MSG_ID, T, B)  # py5's key: the secret's own bytes

# ---- Standard Webhooks ----
case("standard: valid, key decoded from whsec_", std_headers(GOOD), "ok")
case("standard: valid, key = the secret's raw bytes (py5)", std_headers(GOOD_RAW), "ok")
case("standard: secret_encoding raw accepts the raw key", std_headers(GOOD_RAW), "ok",
     options={"secret_encoding": "raw"})
case("standard: secret_encoding raw rejects the decoded key", std_headers(GOOD), "no_matching_signature",
     options={"secret_encoding": "raw"})
case("standard: secret_encoding whsec rejects the raw key", std_headers(GOOD_RAW), "no_matching_signature",
     options={"secret_encoding": "whsec"})
case("standard: header names in any case",
     {"Webhook-Id": MSG_ID, "WEBHOOK-TIMESTAMP": T, "Webhook-Signature": GOOD, "Content-Type": "application/json"},
     "ok")
case("standard: header values as lists (Go http.Header)",
     {"Webhook-Id": [MSG_ID], "Webhook-Timestamp": [T], "Webhook-Signature": [GOOD]}, "ok")
wrong = std_sig(decoded(OTHER_SECRET), MSG_ID, T, B)
case("standard: several signatures, the last one matches",
     std_headers(f"{wrong} v1,AAAA v1a,{GOOD[3:]} {GOOD}"), "ok")
case("standard: several signatures, the first one matches", std_headers(f"{GOOD} {wrong}"), "ok")
case("standard: signatures split over two header lines",
     {"webhook-id": MSG_ID, "webhook-timestamp": T, "webhook-signature": [wrong, GOOD]}, "ok")
case("standard: a v1 entry that is not base64 beside a matching one", std_headers(f"v1,!!notbase64!! {GOOD}"), "ok")
case("standard: several signatures, none matches", std_headers(f"{wrong} v1,AAAA"), "no_matching_signature")
case("standard: only other versions", std_headers("v2," + GOOD[3:]), "no_matching_signature")
case("standard: tampered body", std_headers(GOOD), "no_matching_signature", body=EVENT.replace("ready", "error"))
case("standard: body with a trailing newline added", std_headers(GOOD), "no_matching_signature", body=EVENT + "\n")
case("standard: wrong secret", std_headers(wrong), "no_matching_signature")
case("standard: signed with another webhook-id", std_headers(std_sig(KEY, "msg_other", T, B)), "no_matching_signature")
case("standard: signed with another timestamp",
     std_headers(std_sig(KEY, MSG_ID, str(NOW - 1), B)), "no_matching_signature")
case("standard: signature made with SHA-1", std_headers(
    "v1," + base64.b64encode(hmac.new(KEY, f"{MSG_ID}.{T}.".encode() + B, hashlib.sha1).digest()).decode()),
     "no_matching_signature")
for age, expect in [(300, "ok"), (301, "stale_timestamp"), (86400, "stale_timestamp")]:
    ts = NOW - age
    case(f"standard: timestamp {age} s old", std_headers(std_sig(KEY, MSG_ID, str(ts), B), ts=ts), expect)
for ahead, expect in [(300, "ok"), (301, "future_timestamp")]:
    ts = NOW + ahead
    case(f"standard: timestamp {ahead} s ahead", std_headers(std_sig(KEY, MSG_ID, str(ts), B), ts=ts), expect)
ts = NOW - 3600
case("standard: 1 h old with tolerance_seconds 3600", std_headers(std_sig(KEY, MSG_ID, str(ts), B), ts=ts), "ok",
     options={"tolerance_seconds": 3600})
ts = NOW - 10
case("standard: 10 s old with tolerance_seconds 5", std_headers(std_sig(KEY, MSG_ID, str(ts), B), ts=ts),
     "stale_timestamp", options={"tolerance_seconds": 5})
case("standard: stale and wrongly signed reports the signature",
     std_headers(std_sig(KEY, MSG_ID, str(NOW - 1000), B + b" "), ts=NOW - 1000), "no_matching_signature")
case("standard: timestamp in milliseconds", std_headers(std_sig(KEY, MSG_ID, str(NOW_MS), B), ts=NOW_MS),
     "future_timestamp")
case("standard: webhook-id missing", {"webhook-timestamp": T, "webhook-signature": GOOD}, "missing_header")
case("standard: webhook-timestamp missing", {"webhook-id": MSG_ID, "webhook-signature": GOOD}, "missing_header")
case("standard: webhook-signature missing", {"webhook-id": MSG_ID, "webhook-timestamp": T}, "missing_header")
case("no signature headers at all", {"content-type": "application/json"}, "missing_header")
case("standard: timestamp not a number", std_headers(GOOD, ts="yesterday"), "malformed_header")
case("standard: negative timestamp", std_headers(GOOD, ts=-5), "malformed_header")
case("standard: fractional timestamp", std_headers(GOOD, ts=f"{NOW}.5"), "malformed_header")
case("standard: signature entry without a comma", std_headers("v1" + GOOD[3:]), "malformed_header")
case("standard: signature entry with an empty signature", std_headers(f"{GOOD} v1,"), "malformed_header")
case("standard: empty signature header", std_headers(""), "malformed_header")
case("standard: empty webhook-id", std_headers(GOOD, msg_id=""), "malformed_header")
case("standard: webhook-timestamp given twice",
     {"webhook-id": MSG_ID, "webhook-timestamp": [T, T], "webhook-signature": GOOD}, "malformed_header")
case("standard: webhook-id given under two spellings",
     {"webhook-id": MSG_ID, "Webhook-ID": "msg_x", "webhook-timestamp": T, "webhook-signature": GOOD},
     "malformed_header")
case("standard: header value not a string", {"webhook-id": MSG_ID, "webhook-timestamp": NOW, "webhook-signature": GOOD},
     "malformed_header")
case("standard: pinned legacy scheme ignores standard headers", std_headers(GOOD), "missing_header",
     options={"scheme": "legacy"})
for body, label in [("not json", "plain text"), ("[1,2]", "a JSON array"), ("", "empty")]:
    bb = body.encode()
    case(f"standard: authentic body that is {label}", std_headers(std_sig(KEY, MSG_ID, T, bb)), "body_not_json",
         body=body)
raw = b'{"id":"x","type":"\xff\xfe"}'
case("standard: authentic body that is not UTF-8", std_headers(std_sig(KEY, MSG_ID, T, raw)), "body_not_json",
     body_bytes=raw)
uni = json.dumps({"id": "evt_u", "type": "file.created", "data": {"name": "café ☕ 𝄞.jpg"}}, ensure_ascii=False)
case("standard: UTF-8 body", std_headers(std_sig(KEY, MSG_ID, T, uni.encode())), "ok", body=uni)

# ---- x-ik-signature (legacy) ----
LK = LEGACY_SECRET.encode()
TL = str(NOW_MS)


def legacy(t=TL, sig=None, body=B, extra=""):
    return {"x-ik-signature": f"t={t},v1={sig if sig is not None else legacy_sig(LK, t, body)}{extra}"}


case("legacy: valid", legacy(), "ok", secret=LEGACY_SECRET)
case("legacy: header name in any case", {"X-IK-Signature": legacy()["x-ik-signature"]}, "ok", secret=LEGACY_SECRET)
case("legacy: upper-case hex", legacy(sig=legacy_sig(LK, TL, B).upper()), "ok", secret=LEGACY_SECRET)
case("legacy: spaces after the comma", {"x-ik-signature": f"t={TL}, v1={legacy_sig(LK, TL, B)}"}, "ok",
     secret=LEGACY_SECRET)
case("legacy: two v1 parts, the second matches",
     {"x-ik-signature": f"t={TL},v1={legacy_sig(b'old', TL, B)},v1={legacy_sig(LK, TL, B)}"}, "ok",
     secret=LEGACY_SECRET)
case("legacy: an unknown part is ignored", legacy(extra=",v0=abc"), "ok", secret=LEGACY_SECRET)
case("legacy: pinned scheme", legacy(), "ok", secret=LEGACY_SECRET, options={"scheme": "legacy"})
case("legacy: tampered body", legacy(), "no_matching_signature", secret=LEGACY_SECRET,
     body=EVENT.replace("evt_2Xf1", "evt_2Xf2"))
case("legacy: wrong secret", legacy(sig=legacy_sig(b"whsec_another-secret", TL, B)), "no_matching_signature",
     secret=LEGACY_SECRET)
case("legacy: signed over seconds, sent as milliseconds", legacy(sig=legacy_sig(LK, T, B)), "no_matching_signature",
     secret=LEGACY_SECRET)
case("legacy: signature not hex", legacy(sig="zz" * 32), "no_matching_signature", secret=LEGACY_SECRET)
case("legacy: signature truncated", legacy(sig=legacy_sig(LK, TL, B)[:62]), "no_matching_signature",
     secret=LEGACY_SECRET)
for age_ms, expect in [(300000, "ok"), (300001, "stale_timestamp")]:
    t = str(NOW_MS - age_ms)
    case(f"legacy: timestamp {age_ms} ms old", legacy(t=t), expect, secret=LEGACY_SECRET)
for ahead_ms, expect in [(300000, "ok"), (300001, "future_timestamp")]:
    t = str(NOW_MS + ahead_ms)
    case(f"legacy: timestamp {ahead_ms} ms ahead", legacy(t=t), expect, secret=LEGACY_SECRET)
case("legacy: timestamp in seconds is stale", legacy(t=T), "stale_timestamp", secret=LEGACY_SECRET)
case("legacy: no t=", {"x-ik-signature": f"v1={legacy_sig(LK, TL, B)}"}, "malformed_header", secret=LEGACY_SECRET)
case("legacy: no v1=", {"x-ik-signature": f"t={TL}"}, "malformed_header", secret=LEGACY_SECRET)
case("legacy: t not a number", legacy(t="now"), "malformed_header", secret=LEGACY_SECRET)
case("legacy: a part without =", {"x-ik-signature": f"t={TL},{legacy_sig(LK, TL, B)}"}, "malformed_header",
     secret=LEGACY_SECRET)
case("legacy: t given twice", legacy(extra=f",t={TL}"), "malformed_header", secret=LEGACY_SECRET)
case("legacy: empty header", {"x-ik-signature": ""}, "malformed_header", secret=LEGACY_SECRET)
case("legacy: header given twice", {"x-ik-signature": [legacy()["x-ik-signature"]] * 2}, "malformed_header",
     secret=LEGACY_SECRET)
case("legacy: pinned standard scheme ignores x-ik-signature", legacy(), "missing_header", secret=LEGACY_SECRET,
     options={"scheme": "standard"})
case("legacy: authentic body that is not JSON", legacy(body=b"ok"), "body_not_json", secret=LEGACY_SECRET,
     body="ok")

print(json.dumps({
    "source": "generated by tests/data/webhook_vectors.py (Python standard library: hmac, hashlib, base64); "
              "schemes per the Standard Webhooks spec and ImageKit's x-ik-signature docs",
    "now": NOW,
    "cases": cases,
}, indent=1, ensure_ascii=False))
