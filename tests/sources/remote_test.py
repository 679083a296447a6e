#!/usr/bin/env python3
"""End-to-end checks of `r1tag explain --remote` against tests/support/remote_server.py on 127.0.0.1.

Run by ctest as `sources.remote` with the r1tag binary's path. Each case runs the real binary with a fixed
environment (HF_ENDPOINT / R1TAG_OLLAMA_REGISTRY pointing at the local server, a fresh cache folder, no
proxy) and asserts its exit code, its one-line errors, the figures (file sizes are the fixture's own, made by
gguf_fixture.py, never recomputed by r1tag's code) and what each answer cost in requests and bytes, as the
server logged them. Nothing leaves the machine.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import remote_server  # noqa: E402

MIB = 1 << 20
R1 = "unsloth/DeepSeek-R1-GGUF"
DISTILL = "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF"
DISTILL_FILE = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


class Runner:
    def __init__(self, binary, server):
        self.binary, self.server = binary, server
        self.home = tempfile.mkdtemp(prefix="r1tag-remote-")

    def env(self, **extra):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.home,
               "XDG_CACHE_HOME": os.path.join(self.home, "cache"), "NO_COLOR": "1", "no_proxy": "*", "NO_PROXY": "*",
               "HF_ENDPOINT": self.server.url, "R1TAG_OLLAMA_REGISTRY": self.server.url,
               "R1TAG_DETECT": "off"}  # answers never depend on the machine the tests run on
        env.update(extra)
        return env

    def run(self, *args, **extra):
        """Runs r1tag; returns (exit code, stdout, stderr, seconds, the server's log lines for this run)."""
        start_log = len(self.server.log)
        start = time.monotonic()
        p = subprocess.run([self.binary, *args], capture_output=True, text=True, env=self.env(**extra), timeout=60)
        return p.returncode, p.stdout, p.stderr, time.monotonic() - start, self.server.log[start_log:]


def one_line_error(code, err, expected_code, words, what):
    lines = [l for l in err.splitlines() if l]
    check(code == expected_code, f"{what}: exit {code}, expected {expected_code} ({err.strip()})")
    check(len(lines) == 1 and lines[0].startswith("r1tag: error: "), f"{what}: one error line, got {lines}")
    for w in words:
        check(w in err, f"{what}: '{w}' in {err.strip()!r}")


def part_costs(log, paths):
    """Requests and body bytes per file (its resolve hop and CDN reads)."""
    return {p: (sum(1 for l in log if p in l[1]), sum(l[3] for l in log if p in l[1])) for p in paths}


def main():
    binary = sys.argv[1]
    server = remote_server.FixtureServer().start()
    try:
        r = Runner(binary, server)
        code, out, err, _, _ = r.run("explain", "--remote", "deepseek-r1:1.5b")
        if "built without libcurl" in err:
            one_line_error(code, err, 6, ["unavailable"], "a build without libcurl")
            return report()
        cases(r, server)
    finally:
        server.stop()
    return report()


def report():
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


def cases(r, server):
    parts = sorted(p for p in server.hub[R1] if p.startswith("DeepSeek-R1-UD-IQ1_S/"))
    total = sum(server.hub[R1][p].size for p in parts)

    # Without --remote: no connection, even with the endpoints set.
    code, _, _, _, log = r.run("explain", "deepseek-r1:1.5b", "hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S")
    check(code == 0 and not log, f"without --remote: exit {code}, {len(log)} requests")

    # The three-part R1 set: exact total, per part <= 8 requests and <= 32 MiB after the listing.
    code, out, err, secs, log = r.run("explain", "--remote", "--json", f"hf.co/{R1}:UD-IQ1_S")
    check(code == 0, f"3-part: exit {code} {err}")
    doc = json.loads(out)["results"][0]
    check(doc["file"]["bytes"] == total, f"3-part: file.bytes {doc['file']['bytes']} == fixture {total}")
    check(doc["file"]["basis"] == "header", "3-part: basis header")
    check(len(doc["file"]["header"]["parts"]) == 3, "3-part: three parts")
    check(doc["model"]["id"] == "DeepSeek-R1", f"3-part: recognised as DeepSeek-R1, got {doc['model']['id']}")
    check(doc["memory"] is not None and doc["memory"]["total_bytes"] > total * 0.9, "3-part: memory from the real tensors")
    code, out, err, _, _ = r.run("explain", "--remote", "--json", "--vram", "24GB", "--ram", "192GB", f"hf.co/{R1}:UD-IQ1_S")
    devices = json.loads(out)["results"][0]["memory"]["devices"] if code == 0 else []
    check([d["name"] for d in devices][-1:] == ["CPU"] and len(devices) == 2, f"3-part on 24 GB + 192 GB: per-device memory {devices}")
    check(log[0][1].startswith(f"/api/models/{R1}/tree/main"), f"3-part: listing first, got {log[0]}")
    for p, (requests, sent) in part_costs(log[1:], parts).items():
        print(f"  3-part {p.rsplit('/', 1)[1]}: {requests} requests, {sent} bytes")
        check(requests <= 8 and sent <= 32 * MIB, f"3-part {p}: {requests} requests, {sent} bytes")
    check(doc["remote"]["requests"] == len(log), f"3-part: remote.requests {doc['remote']['requests']} == server's {len(log)}")
    print(f"  3-part: {len(log)} requests, {sum(l[3] for l in log)} bytes sent, {secs:.2f} s")

    # The same again: from the cache, one small request (the listing).
    code, out, err, secs, log = r.run("explain", "--remote", "--json", f"hf.co/{R1}:UD-IQ1_S")
    doc = json.loads(out)["results"][0]
    check(code == 0 and doc["remote"]["from_cache"] and len(log) == 1 and log[0][3] < 64 * 1024,
          f"second run: exit {code}, from_cache {doc['remote']['from_cache']}, {len(log)} requests")
    check(doc["file"]["bytes"] == total, "second run: same total")
    print(f"  second run: {len(log)} request, {sum(l[3] for l in log)} bytes, {secs:.2f} s")
    code, out, err, _, log = r.run("explain", "--remote", "--offline", f"hf.co/{R1}:UD-IQ1_S")
    check(code == 0 and not log and "from the cache" in out, f"--offline: exit {code}, {len(log)} requests, {out!r}")
    code, out, err, _, log = r.run("explain", "--remote", "--offline", f"hf.co/{R1}:UD-IQ1_M")
    one_line_error(code, err, 6, ["--offline", "not in the cache"], "--offline, not cached")
    check(not log, "--offline: no request")

    # A single-file repo named owner/repo:QUANT (no host), and the same file by its blob URL.
    code, out, err, _, log = r.run("explain", "--remote", "--json", f"{DISTILL}:q4_k_m")
    doc = json.loads(out)["results"][0] if out else {}
    single = server.hub[DISTILL][DISTILL_FILE].size
    check(code == 0 and doc["file"]["bytes"] == single, f"owner/repo:QUANT: exit {code} {err}")
    note = doc.get("remote", {}).get("note") or ""
    check("Hugging Face" in note and "quant label" in note and note in doc.get("notes", []), f"owner/repo:QUANT says which registry: {note!r}")
    check(len(log) <= 1 + 8, f"single file: {len(log)} requests")
    url = f"https://huggingface.co/{DISTILL}/blob/main/{DISTILL_FILE}"
    code, out, err, _, log = r.run("explain", "--remote", "--json", url)
    check(code == 0 and json.loads(out)["results"][0]["file"]["bytes"] == single, f"blob URL: exit {code} {err}")

    # A repository alone: its quants.
    code, out, err, _, _ = r.run("explain", "--remote", f"hf.co/{R1}")
    check(code == 0 and "UD-IQ1_S" in out and "UD-IQ1_M" in out and "UD-Q2_K_XL" in out, f"listing: {code} {out!r}")

    # Gated: without a token one line naming HF_TOKEN; with HF_TOKEN or the token file, the answer.
    gated = "hf.co/gated/DeepSeek-R1-Distill-Qwen-1.5B-GGUF:Q4_K_M"
    code, out, err, secs, log = r.run("explain", "--remote", gated)
    one_line_error(code, err, 6, ["gated", "HF_TOKEN"], "gated without a token")
    check(remote_server.TOKEN not in err + out, "the token is never printed")
    code, out, err, _, _ = r.run("explain", "--remote", "--json", gated, HF_TOKEN=remote_server.TOKEN)
    check(code == 0 and json.loads(out)["results"][0]["file"]["bytes"] == single, f"gated with HF_TOKEN: {code} {err}")
    check(remote_server.TOKEN not in err + out, "the token is never printed (with HF_TOKEN)")
    hf_home = os.path.join(r.home, "hf")
    os.makedirs(hf_home, exist_ok=True)
    with open(os.path.join(hf_home, "token"), "w") as f:
        f.write(remote_server.TOKEN + "\n")
    code, out, err, _, _ = r.run("explain", "--remote", gated, "--timeout", "20", HF_HOME=hf_home, XDG_CACHE_HOME=os.path.join(r.home, "c2"))
    check(code == 0, f"gated with $HF_HOME/token: {code} {err}")

    # ollama registry.
    code, out, err, _, log = r.run("explain", "--remote", "--json", "deepseek-r1:1.5b")
    doc = json.loads(out)["results"][0] if out else {}
    check(code == 0 and doc.get("file", {}).get("bytes") == single and doc["remote"]["registry"] == "ollama",
          f"ollama: exit {code} {err}")
    check(any("/v2/library/deepseek-r1/manifests/1.5b" in l[1] for l in log), "ollama: manifest asked")
    code, out, err, _, log = r.run("explain", "--remote", "--json", "someone/deepseek-r1:q4_K_M")
    doc = json.loads(out)["results"][0] if out else {}
    note = doc.get("remote", {}).get("note") or ""
    check(code == 0 and doc["remote"]["registry"] == "ollama" and "Hugging Face has no such repository" in note,
          f"ambiguous name falls back to the registry: exit {code}, {note!r} {err}")
    check(log[0][1].startswith("/api/models/someone/deepseek-r1/tree/"), "ambiguous: the Hub was asked first")
    code, out, err, _, _ = r.run("explain", "--remote", "deepseek-r1:999b")
    one_line_error(code, err, 6, ["no such model"], "ollama unknown tag")

    # Errors: each one line, exit 6, within 20 s, never more than 64 MiB.
    code, out, err, secs, log = r.run("explain", "--remote", f"hf.co/{R1}:UD-IQ1_X")
    one_line_error(code, err, 6, ["did you mean UD-IQ1_S?", "UD-Q2_K_XL"], "missing quant")
    check(out == "" and secs < 20, f"missing quant: no output, {secs:.1f} s")
    code, out, err, secs, log = r.run("explain", "--remote", "hf.co/ratelimited/x-GGUF:Q4_K_M")
    one_line_error(code, err, 6, ["429"], "rate limited")
    code, out, err, secs, log = r.run("explain", "--remote", "hf.co/nobody/nothing-GGUF:Q4_K_M")
    one_line_error(code, err, 6, ["no such repository"], "unknown repo")

    server.no_range = True
    code, out, err, secs, log = r.run("explain", "--remote", "--json", f"hf.co/{R1}:UD-IQ1_S", XDG_CACHE_HOME=os.path.join(r.home, "c3"))
    server.no_range = False
    sent = sum(l[3] for l in log)
    one_line_error(code, err, 6, ["ignored the Range request"], "server ignoring Range")
    check(secs < 20 and sent <= 64 * MIB, f"no-Range: {secs:.1f} s, {sent} bytes sent")
    check(json.loads(out)["results"][0]["ok"] is False, "no-Range: the JSON document says ok false")
    print(f"  no-Range: {len(log)} requests, {sent} bytes sent by the server, {secs:.2f} s")

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    code, out, err, secs, log = r.run("explain", "--remote", f"hf.co/{R1}:UD-IQ1_S", HF_ENDPOINT=f"http://127.0.0.1:{closed}",
                                      XDG_CACHE_HOME=os.path.join(r.home, "c4"))
    one_line_error(code, err, 6, ["cannot reach", "without --remote"], "closed port")
    check(secs < 20, f"closed port: {secs:.1f} s")

    server.slow_seconds = 3
    code, out, err, secs, log = r.run("explain", "--remote", "--timeout", "1", f"hf.co/{R1}:UD-IQ1_S",
                                      XDG_CACHE_HOME=os.path.join(r.home, "c5"))
    server.slow_seconds = 0
    one_line_error(code, err, 6, ["timed out"], "slow server with --timeout 1")
    check(secs < 5, f"timeout: {secs:.1f} s")

    progress_note(r, server)
    fit_remote(r, server, total)

    # The cache command.
    code, out, err, _, _ = r.run("cache")
    check(code == 0 and "entries" in out, f"cache show: {code} {out!r}")
    code, out, err, _, _ = r.run("cache", "clear")
    check(code == 0 and out.startswith("removed "), f"cache clear: {code} {out!r}")
    code, out, err, _, _ = r.run("cache", "--json")
    check(code == 0 and json.loads(out)["entries"] == 0, f"cache after clear: {out!r}")


def run_on_pty(r, args, **extra):
    """Runs r1tag with stderr on a pseudo-terminal (stdout a pipe); returns (exit code, stdout, stderr bytes)."""
    import pty
    master, slave = pty.openpty()
    p = subprocess.Popen([r.binary, *args], stdout=subprocess.PIPE, stderr=slave, env=r.env(**extra))
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: every writer of the terminal is gone
            break
        if not chunk:
            break
        err += chunk
    out = p.stdout.read().decode()
    p.wait(timeout=60)
    os.close(master)
    return p.returncode, out, err


def progress_note(r, server):
    """A terminal waiting more than a second gets a one-line note on stderr, erased before the answer; a pipe
    gets nothing, and stdout is the same either way."""
    name = f"{DISTILL}:Q4_K_M"
    server.slow_seconds = 1.2  # every answer: the listing, the resolve redirect, the range reads
    try:
        code, out, err = run_on_pty(r, ["explain", "--remote", name], XDG_CACHE_HOME=os.path.join(r.home, "p1"))
        code2, out2, err2, secs, _ = r.run("explain", "--remote", name, XDG_CACHE_HOME=os.path.join(r.home, "p2"))
    finally:
        server.slow_seconds = 0
    check(code == 0 and code2 == 0, f"progress: exit {code} on a terminal, {code2} on a pipe")
    check(b": listing bartowski/" in err and err.startswith(b"\rr1tag: "), f"progress: the listing step shown on a terminal: {err!r}")
    check(b"reading the header of " + DISTILL_FILE.encode()[:20] in err, f"progress: the header step shown: {err!r}")
    check(err.endswith(b"\r\x1b[K"), f"progress: the note erased before the answer: {err[-40:]!r}")
    check(b"\n" not in err, f"progress: one line, rewritten in place: {err!r}")
    check(err2 == "", f"progress: nothing on a pipe ({secs:.1f} s): {err2!r}")
    check(out == out2 and "Q4_K_M" in out, "progress: stdout the same on a terminal and a pipe")
    # TERM=dumb cannot clear a line: no note.
    server.slow_seconds = 1.2
    try:
        code, _, err = run_on_pty(r, ["explain", "--remote", name], XDG_CACHE_HOME=os.path.join(r.home, "p3"), TERM="dumb")
    finally:
        server.slow_seconds = 0
    check(code == 0 and err == b"", f"progress: TERM=dumb, nothing: {err!r}")


def fit_remote(r, server, total):
    """`fit --remote --model NAME`: that exact file, placed from its real tensors (the same memory explain --remote
    gives for the same flags), with run commands that fetch it; errors one line each."""
    name = f"hf.co/{R1}:UD-IQ1_S"
    cache = {"XDG_CACHE_HOME": os.path.join(r.home, "f1")}
    code, out, err, _, log = r.run("fit", "--remote", "--json", "--vram", "24GB", "--ram", "192GB", "--model", name, **cache)
    doc = json.loads(out) if out else {}
    cands = doc.get("candidates", [])
    check(code == 0 and doc.get("candidates_fitting") == 1 and len(cands) == 1, f"fit --remote: exit {code}, {err}")
    c = cands[0] if cands else {}
    try:
        import jsonschema
        with open(os.path.join(HERE, "..", "..", "docs", "schema", "fit.schema.json"), encoding="utf-8") as f:
            problems = [e.message for e in jsonschema.Draft202012Validator(json.load(f)).iter_errors(doc)]
        check(not problems, f"fit --remote: the document validates against fit.schema.json: {problems[:3]}")
    except ImportError:
        print("  python3-jsonschema not installed: fit --remote's document not validated")
    check(c.get("file", {}).get("bytes") == total and c["file"]["basis"] == "header",
          f"fit --remote: file.bytes {c.get('file')} == fixture {total}, basis header")
    check(c.get("model", {}).get("id") == "DeepSeek-R1" and c["placement"] == "partial" and c["experts_on_cpu"],
          f"fit --remote: DeepSeek-R1, partial with experts in RAM: {c.get('placement')}")
    check(c.get("remote", {}).get("requests") == len(log) and c["remote"]["registry"] == "huggingface",
          f"fit --remote: remote.requests == the server's {len(log)}")
    check(c.get("run", {}).get("llama_server", "").startswith("llama-server -hf unsloth/DeepSeek-R1-GGUF:UD-IQ1_S -c 8192 "),
          f"fit --remote: llama-server fetches the same file: {c.get('run')}")
    code, out, _, _, _ = r.run("explain", "--remote", "--json", "--vram", "24GB", "--ram", "192GB", name, **cache)
    explained = json.loads(out)["results"][0]["memory"] if code == 0 else {}
    check(c.get("memory", {}).get("devices") == explained.get("devices"),
          "fit --remote: the same memory per device as explain --remote with the same flags")
    code, out, err, _, log = r.run("fit", "--remote", "--offline", "--vram", "24GB", "--ram", "192GB", "--model", name, **cache)
    check(code == 0 and not log and "1 remote file fits" in out and "from the cache" in out, f"fit --remote --offline: {code} {err}")

    # Too big for the budget: exit 1, one line; with --json still one whole document.
    code, out, err, _, _ = r.run("fit", "--remote", "--vram", "24GB", "--model", name, **cache)
    one_line_error(code, err, 1, ["does not fit", "--ram"], "fit --remote, too big")
    code, out, err, _, _ = r.run("fit", "--remote", "--json", "--vram", "24GB", "--model", name, **cache)
    check(code == 1 and json.loads(out)["error"]["exit_code"] == 1 and json.loads(out)["candidates"] == [],
          f"fit --remote --json, too big: {code} {out[-200:]!r}")

    # An ollama registry name: ollama pulls it itself.
    code, out, err, _, _ = r.run("fit", "--remote", "--json", "--vram", "8GB", "--model", "deepseek-r1:1.5b")
    c = json.loads(out)["candidates"][0] if code == 0 else {}
    check(c.get("run", {}).get("ollama") == "OLLAMA_CONTEXT_LENGTH=8192 ollama run deepseek-r1:1.5b"
          and c["run"]["llama_server"] is None and c["remote"]["registry"] == "ollama",
          f"fit --remote ollama name: {code} {err} {c.get('run')}")

    # Usage errors: no request at all, or only the listing for a repository alone.
    code, out, err, _, log = r.run("fit", "--remote", "--vram", "24GB")
    one_line_error(code, err, 2, ["--remote needs --model"], "fit --remote without --model")
    check(not log, "fit --remote without --model: no request")
    code, out, err, _, log = r.run("fit", "--vram", "24GB", "--model", name)
    one_line_error(code, err, 2, ["unknown model"], "fit --model NAME without --remote")
    check(not log, "fit --model without --remote: no connection")
    code, out, err, _, log = r.run("fit", "--remote", "--vram", "24GB", "--model", f"hf.co/{R1}", **cache)
    one_line_error(code, err, 2, ["is a repository", "UD-IQ1_S"], "fit --remote of a repository alone")
    code, out, err, _, log = r.run("fit", "--remote", "--installed", "--vram", "24GB", "--model", name)
    one_line_error(code, err, 2, ["--installed"], "fit --remote --installed")
    code, out, err, _, log = r.run("fit", "--remote", "--model", name)  # R1TAG_DETECT=off: no hardware at all
    one_line_error(code, err, 2, ["say what hardware"], "fit --remote without hardware")
    check(not log, "fit --remote without hardware: the flags are checked before any request")
    code, out, err, _, log = r.run("fit", "--offline", "--vram", "24GB", "--model", name)
    one_line_error(code, err, 2, ["--offline goes with --remote"], "fit --offline without --remote")


if __name__ == "__main__":
    sys.exit(main())
