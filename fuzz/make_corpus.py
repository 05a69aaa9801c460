#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ from the test vectors in tests/data (run
from anywhere; idempotent). The committed corpora are its output; libFuzzer's own finds are
not committed (scripts/fuzz.sh writes them to a scratch directory)."""
import hashlib
import json
import os
import struct

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "tests", "data")
out = os.path.join(root, "fuzz", "corpus")


def load(name):
    with open(os.path.join(data, name), encoding="utf-8") as f:
        return json.load(f)


def write(target, blobs):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        os.remove(os.path.join(d, old))
    for b in blobs:
        if isinstance(b, str):
            b = b.encode("utf-8")
        with open(os.path.join(d, hashlib.sha1(b).hexdigest()[:16]), "wb") as f:
            f.write(b)


url = load("url_official.json")["cases"]
options = [json.dumps(c["options"], ensure_ascii=False, separators=(",", ":")) for c in url]
options = sorted(set(options))
extra = [
    '{"path":"/a.jpg","signed":true,"expire_seconds":1e-400,"now":1}',
    '{"path":"/a.jpg","path":1,"transformation":[{"raw":5}],"transformation":[{"w":1}]}',
    '{"src":"https://h/a.jpg?x=1&y=%20&x=2#f","query_parameters":{"ik-t":"1","ik-s":"2"},"signed":1}',
    '{ "path" : "/a\\u0041.jpg" , "transformation" : [ { "height" : 1.5e3 , "w" : null } ] }',
]
write("url", options + extra)
write("json_diff", options[:60] + extra + ['[1,-0,0.5e-3,1E+2,"\\ud83d\\ude00",{"a":{"a":[]}},true,false,null]'])

clients = sorted({json.dumps(c["client"], separators=(",", ":")) for c in url})
write("config", clients + [json.dumps({
    "private_key": "k", "public_key": "p", "url_endpoint": "https://ik.imagekit.io/x",
    "transformation_position": "query", "base_url": "http://127.0.0.1:9", "upload_base_url": "http://127.0.0.1:9",
    "timeout_ms": 1000, "connect_timeout_ms": 100, "max_retries": 0, "retry_initial_delay_ms": 1,
    "retry_max_delay_ms": 2, "proxy": "http://127.0.0.1:3128", "user_agent": "fuzz/1"})])

uploads = [
    {"file": "https://example.com/cat.jpg", "fileName": "cat.jpg", "tags": ["pets", "cats"]},
    {"fileName": "a b\".jpg", "useUniqueFileName": False, "folder": "/x", "isPrivateFile": True,
     "customMetadata": {"k": 1}, "extensions": [{"name": "google-auto-tagging"}], "responseFields": "tags,url",
     "overwriteFile": False, "expire": 1700000000, "checks": "\"file.size\" < \"1mb\""},
    {"file_name": "x.png", "file": "data:image/png;base64,iVBORw0KGgo=", "transformation": {"pre": "w-10"}},
]
write("upload", [json.dumps(u).encode() + b"\0GIF89a\x01\x02" for u in uploads])
write("multipart", ["file\x02abc\x02a.jpg\x02image/jpeg\x01fileName\x02a.jpg", "na\"me\r\n\x02v\x01x", ""])

def resp(status, headers, body):
    head = b"".join(h.encode() + b"\n" for h in headers)
    return struct.pack("<H", status) + bytes([len(headers)]) + head + body.encode()

write("response", [
    resp(400, ["x-ik-requestId:abc-123", "content-type:application/json"],
         '{"message":"Your request contains invalid fileId parameter.","help":"For support kindly contact us at support@imagekit.io ."}'),
    resp(429, ["x-ratelimit-limit:10", "x-ratelimit-reset:1500.0", "x-ratelimit-interval:10000"], '{"message":"rate"}'),
    resp(200, [], '{"fileId":"f","url":"https://ik.imagekit.io/x/a.jpg"}'),
    resp(500, [], "<html>private_key_test</html>"),
    resp(200, [], "not json"),
    resp(204, [], ""),
])

ph = load("phash_official.json")["cases"]
write("phash", sorted({f'{c["a"]}\n{c["b"]}' for c in ph if isinstance(c.get("a"), str) and isinstance(c.get("b"), str)}))

auth = load("auth_official.json")["auth_params"]
seeds = []
for c in auth:
    expire = int(c["expire"]) if str(c["expire"]).lstrip("-").isdigit() else 0
    seeds.append(struct.pack("<qq", expire, c["now"]) + f'{c["private_key"]}\n{c["token"]}'.encode())
seeds.append(struct.pack("<qq", 0, 1735689600) + b"k" * 70 + b"\n")
write("auth", seeds)

# Targets for the parsers that landed later: the modern builder, the operation table, webhooks.
modern = load("url_modern_official.json")["cases"]
seeds = []
for c in modern:
    opts = c.get("options", c.get("transformation"))
    if opts is None:
        continue
    which = {"build_src": 0, "build_transformation_string": 1}.get(c["kind"], 0)
    seeds.append(bytes([which]) + json.dumps(opts, ensure_ascii=False, separators=(",", ":")).encode())
seeds.append(b"\x02" + json.dumps({"src": "/a.jpg", "width": 400, "sizes": "(max-width: 600px) 100vw"}).encode())
write("build_url", sorted(set(seeds)))

with open(os.path.join(data, "op_samples.json"), encoding="utf-8") as f:
    samples = json.load(f)
ops_src = open(os.path.join(root, "src", "api", "ops.rs"), encoding="utf-8").read()
import re
rows = re.findall(r'Op::new\(\s*"([a-z_.]+)"', ops_src)
seeds = []
for i, name in enumerate(rows):
    s = samples.get(name)
    if not isinstance(s, dict):
        continue
    text = "\n".join(s.get("ids") or [])
    params = s.get("params")
    blob = bytes([i]) + text.encode()
    if params is not None:
        blob += (b"\n" if s.get("ids") else b"") + json.dumps(params).encode()
    seeds.append(blob)
write("ops", seeds)

hooks = load("webhook_vectors.json")
seeds = []
for c in hooks["cases"]:
    body = c["body"].encode() if isinstance(c.get("body"), str) else b""
    seeds.append(f'{c.get("secret", "")}\n{json.dumps(c.get("headers", {}))}\n{json.dumps(c.get("options", {}))}\n'.encode() + body)
write("webhooks", seeds)

# webhook_signed: 4 bytes timestamp (LE), a selector byte, then secret NUL webhook-id NUL body.
seeds = set()
for c in hooks["cases"]:
    body = c["body"].encode() if isinstance(c.get("body"), str) else b""
    msg_id = c["headers"].get("webhook-id")
    msg_id = msg_id if isinstance(msg_id, str) else "msg_1"
    seeds.add(struct.pack("<I", c["options"]["now"]) + b"\x07" + c["secret"].encode() + b"\0" + msg_id.encode() + b"\0" + body)
write("webhook_signed", sorted(seeds))
