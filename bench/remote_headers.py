#!/usr/bin/env python3
"""r1tag explain --remote against @huggingface/gguf's gguf-view (what `npx @huggingface/gguf URL` runs), both
reading the same fixture headers from tests/support/remote_server.py on 127.0.0.1: HTTP requests (redirect
hops included) and body bytes as the server logged them, and wall time (median of --runs).

    python3 bench/remote_headers.py build/dev/r1tag "node /path/to/node_modules/@huggingface/gguf/dist/cli.js"
"""
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "support"))
import remote_server  # noqa: E402


def measure(server, command, env, runs):
    times, costs = [], None
    for _ in range(runs):
        start_log = len(server.log)
        start = time.monotonic()
        p = subprocess.run(command, capture_output=True, text=True, env=env(), timeout=300)
        times.append(time.monotonic() - start)
        log = server.log[start_log:]
        if p.returncode != 0:
            raise SystemExit(f"{command}: exit {p.returncode}: {p.stderr[-500:]}")
        costs = (len(log), sum(entry[3] for entry in log))
    return costs[0], costs[1], statistics.median(times)


def main():
    r1tag, gguf_view = sys.argv[1], shlex.split(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    server = remote_server.FixtureServer().start()
    base = server.url
    cache = tempfile.mkdtemp(prefix="r1tag-bench-")

    def cold_env():
        shutil.rmtree(os.path.join(cache, "r1tag"), ignore_errors=True)
        return {"PATH": os.environ["PATH"], "HOME": cache, "XDG_CACHE_HOME": cache, "no_proxy": "*", "HF_ENDPOINT": base}

    def warm_env():
        return {"PATH": os.environ["PATH"], "HOME": cache, "XDG_CACHE_HOME": cache, "no_proxy": "*", "HF_ENDPOINT": base}

    r1 = "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf"
    distill = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
    cases = [
        ("R1 UD-IQ1_S, 3 parts (152 GB)", f"hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S",
         f"{base}/unsloth/DeepSeek-R1-GGUF/resolve/main/{r1}"),
        ("R1-Distill-Qwen-1.5B Q4_K_M, 1 file", f"https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/main/{distill}",
         f"{base}/bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/main/{distill}"),
    ]
    print("| case | tool | requests | bytes | wall (median) |")
    print("|---|---|---|---|---|")
    for label, name, url in cases:
        for tool, command, env in (
                ("r1tag explain --remote (cold cache)", [r1tag, "explain", "--remote", name], cold_env),
                ("r1tag explain --remote (warm cache)", [r1tag, "explain", "--remote", name], warm_env),
                ("gguf-view (@huggingface/gguf)", [*gguf_view, url], warm_env)):
            requests, sent, wall = measure(server, command, env, runs)
            print(f"| {label} | {tool} | {requests} | {sent:,} | {wall:.2f} s |")
    server.stop()


if __name__ == "__main__":
    main()
