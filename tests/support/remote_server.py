#!/usr/bin/env python3
"""A local stand-in for the Hugging Face Hub and the ollama registry, for r1tag's --remote tests.

Standard library only (http.server, threading); binds 127.0.0.1 on a free port; nothing leaves the
machine. It serves GGUF headers from gguf_fixture.py under the paths the real services use:

  Hub (huggingface_hub / Hub API docs):  GET /api/models/<owner>/<repo>/tree/<rev>?recursive=true (paths,
      sizes, LFS oids); GET|HEAD /<owner>/<repo>/resolve/<rev>/<path> -> 302 to /cdn/… with X-Repo-Commit,
      X-Linked-Size, X-Linked-Etag; gated repos answer 401 without "Authorization: Bearer <token>".
  ollama registry: GET /v2/<ns>/<model>/manifests/<tag> (docker manifest v2 JSON, model layer
      application/vnd.ollama.image.model); GET /v2/<ns>/<model>/blobs/<digest> -> 307 to /cdn/….
  /cdn/…: the bytes, honouring Range (206 + Content-Range, 416 past the end), unless no_range is set.

Switches a test sets on the server object: no_range (answer 200 with the whole file), slow_seconds (wait
before each answer). Every answer is logged in `log` as (method, path, status, body bytes sent).
Run as a script it prints the port and serves until killed (for benchmarks).
"""
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf_fixture  # noqa: E402

TOKEN = "hf_fixture_token_0123456789"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


class VirtualFile:
    """A header followed by zeros up to `size` bytes."""

    def __init__(self, head, size):
        self.head, self.size = head, size
        self.oid = hashlib.sha256(head + str(size).encode()).hexdigest()

    def chunk(self, start, end):
        out = self.head[start:end]
        return out + b"\0" * (end - start - len(out))


def build_fixtures():
    hub, ollama = {}, {}
    r1 = "DeepSeek-R1-UD-IQ1_S"
    parts = gguf_fixture.r1_split("DeepSeek R1", 3)
    hub["unsloth/DeepSeek-R1-GGUF"] = {
        f"{r1}/{r1}-{i + 1:05d}-of-00003.gguf": VirtualFile(h, s) for i, (h, s) in enumerate(parts)}
    # Listed only: what "did you mean" and a repo listing show (their bytes are never asked for).
    for quant, total in (("UD-IQ1_M", 158_000_000_000), ("UD-Q2_K_XL", 211_000_000_000)):
        stem = f"DeepSeek-R1-{quant}"
        for i in range(3):
            hub["unsloth/DeepSeek-R1-GGUF"][f"{stem}/{stem}-{i + 1:05d}-of-00003.gguf"] = VirtualFile(b"", total // 3)
    single = VirtualFile(*gguf_fixture.distill_single())
    hub["bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"] = {
        "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf": single,
        "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf": VirtualFile(b"", 1_894_532_128),
        "README.md": VirtualFile(b"# readme\n", 9)}
    hub["gated/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"] = {"DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf": single}
    digest = "sha256:" + single.oid
    ollama["library/deepseek-r1/1.5b"] = (digest, single)
    # Only on the registry, under a tag that looks like a quant label: an ambiguous name's fallback.
    ollama["someone/deepseek-r1/q4_K_M"] = (digest, single)
    return hub, ollama


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: tests read server.log instead
        pass

    def do_HEAD(self):
        self.route(head=True)

    def do_GET(self):
        self.route(head=False)

    # --- answers -----------------------------------------------------------------------------
    def send(self, status, body=b"", headers=None, head=False):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self.server.record(self.command, self.path, status, 0 if head else len(body))

    def json(self, status, value, head=False, headers=None):
        self.send(status, json.dumps(value).encode(), {"Content-Type": "application/json", **(headers or {})}, head)

    def route(self, head):
        srv = self.server
        if srv.slow_seconds:
            time.sleep(srv.slow_seconds)
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        parts = path.strip("/").split("/")
        if path.startswith("/cdn/"):
            return self.serve_file(srv.cdn.get(path), head)
        if parts[0] == "v2" and len(parts) >= 5:
            return self.registry(parts, head)
        if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] == "tree":
            return self.tree("/".join(parts[2:4]), head)
        if len(parts) >= 5 and parts[2] == "resolve":
            return self.resolve("/".join(parts[:2]), "/".join(parts[4:]), head)
        self.json(404, {"error": "not found"}, head)

    def authorised(self, repo):
        if not repo.startswith("gated/"):
            return True
        return self.headers.get("Authorization") == f"Bearer {TOKEN}"

    def repo_or_error(self, repo, head):
        if repo.startswith("ratelimited/"):
            self.json(429, {"error": "rate limited"}, head, {"Retry-After": "30"})
            return None
        if repo not in self.server.hub:
            self.json(404, {"error": "Repository not found"}, head, {"X-Error-Code": "RepoNotFound"})
            return None
        if not self.authorised(repo):
            self.json(401, {"error": "Access to model is restricted. You must have access to it and be authenticated."},
                      head, {"X-Error-Code": "GatedRepo"})
            return None
        return self.server.hub[repo]

    def tree(self, repo, head):
        files = self.repo_or_error(repo, head)
        if files is None:
            return
        entries, dirs = [], set()
        for p, f in sorted(files.items()):
            if "/" in p:
                dirs.add(p.rsplit("/", 1)[0])
            entry = {"type": "file", "oid": f.oid[:40], "size": f.size, "path": p}
            if p.endswith(".gguf"):
                entry["lfs"] = {"oid": f.oid, "size": f.size, "pointerSize": 135}
            entries.append(entry)
        entries += [{"type": "directory", "oid": "0" * 40, "size": 0, "path": d} for d in sorted(dirs)]
        self.json(200, entries, head)

    def resolve(self, repo, file_path, head):
        files = self.repo_or_error(repo, head)
        if files is None:
            return
        f = files.get(file_path)
        if f is None:
            return self.json(404, {"error": "Entry not found"}, head, {"X-Error-Code": "EntryNotFound"})
        cdn = f"/cdn/{repo}/{file_path}"
        self.server.cdn[cdn] = f
        self.send(302, b"", {"Location": cdn + "?X-Amz-Signature=fixturesecret", "X-Repo-Commit": COMMIT,
                             "X-Linked-Size": str(f.size), "X-Linked-Etag": f'"{f.oid}"', "ETag": f'"{f.oid[:40]}"'}, head)

    def registry(self, parts, head):
        ns, model, kind, ref = parts[1], parts[2], parts[3], "/".join(parts[4:])
        if ns == "ratelimited":
            return self.json(429, {"errors": [{"code": "TOOMANYREQUESTS"}]}, head)
        if kind == "manifests":
            found = self.server.ollama.get(f"{ns}/{model}/{ref}")
            if found is None:
                return self.json(404, {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown"}]}, head)
            digest, f = found
            manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                                   "digest": "sha256:" + "c" * 64, "size": 487},
                        "layers": [{"mediaType": "application/vnd.ollama.image.model", "digest": digest, "size": f.size},
                                   {"mediaType": "application/vnd.ollama.image.template", "digest": "sha256:" + "d" * 64,
                                    "size": 100}]}
            return self.json(200, manifest, head,
                             {"Content-Type": "application/vnd.docker.distribution.manifest.v2+json",
                              "Docker-Content-Digest": "sha256:" + "e" * 64})
        if kind == "blobs":
            for digest, f in self.server.ollama.values():
                if digest == ref:
                    cdn = f"/cdn/blobs/{digest}"
                    self.server.cdn[cdn] = f
                    return self.send(307, b"", {"Location": cdn + "?sig=fixturesecret"}, head)
            return self.json(404, {"errors": [{"code": "BLOB_UNKNOWN"}]}, head)
        self.json(404, {"errors": []}, head)

    def serve_file(self, f, head):
        if f is None:
            return self.json(404, {"error": "not found"}, head)
        base = {"ETag": f'"{f.oid}"', "Content-Type": "application/octet-stream"}
        rng = self.headers.get("Range")
        if rng and not self.server.no_range and rng.startswith("bytes="):
            first, _, last = rng[6:].partition("-")
            first = int(first)
            last = min(int(last) if last else f.size - 1, f.size - 1)
            if first >= f.size:
                return self.send(416, b"", {**base, "Content-Range": f"bytes */{f.size}"}, head)
            body = f.chunk(first, last + 1)
            return self.send(206, body, {**base, "Accept-Ranges": "bytes",
                                         "Content-Range": f"bytes {first}-{last}/{f.size}"}, head)
        # The whole file: streamed until the client hangs up (what a server ignoring Range costs).
        self.send_response(200)
        for k, v in base.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(f.size))
        self.end_headers()
        sent = 0
        if not head:
            try:
                while sent < f.size:
                    n = min(1 << 20, f.size - sent)
                    self.wfile.write(f.chunk(sent, sent + n))
                    sent += n
            except (BrokenPipeError, ConnectionResetError):
                pass
        self.server.record(self.command, self.path, 200, sent)
        self.close_connection = True


class FixtureServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.hub, self.ollama = build_fixtures()
        self.cdn = {}
        self.no_range = False
        self.slow_seconds = 0
        self.log = []
        self.lock = threading.Lock()
        self.thread = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, method, path, status, sent):
        with self.lock:
            self.log.append((method, path, status, sent))

    def start(self):
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()


if __name__ == "__main__":
    server = FixtureServer()
    print(server.url, flush=True)
    if "--no-range" in sys.argv:
        server.no_range = True
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
