#!/usr/bin/env python3
"""The real r1tag binary against what a hostile or unlucky environment does (issue 16): stdout that does
not take the output, tables that are devices, FIFOs, huge or deeply nested. Each case must end quickly
with one line on stderr and a documented exit code. Usage: hardening_test.py R1TAG_BINARY SOURCE_DIR"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

BINARY, SOURCE = sys.argv[1], sys.argv[2]
failures = []


def run(args, stdout=subprocess.PIPE, env=None, timeout=30, pre=None):
    try:
        p = subprocess.run([BINARY] + args, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout,
                           env=env, preexec_fn=pre)
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"
    return p.returncode, p.stdout or b"", p.stderr


def check(name, got, want_code, want_err_start):
    code, _, err = got
    ok = code == want_code and err.startswith(want_err_start.encode()) and err.count(b"\n") == 1 \
        and b"\x1b" not in err
    print(("ok   " if ok else "FAIL ") + name + f": exit {code}, stderr {err[:200]!r}")
    if not ok:
        failures.append(name)


# Output that stdout did not take: a full disk, a closed stdout. Never exit 0, never "internal error".
LOST = "r1tag: error: stdout did not take the output"
for args in (["fit", "--vram", "8GB", "--json"], ["fit", "--vram", "8GB"], ["explain", "7b"], ["gpus"],
             ["--help"], ["--version"]):
    with open("/dev/full", "wb") as full:
        check("/dev/full: " + " ".join(args), run(args, stdout=full), 74, LOST + " (No space left on device)")
    check("closed stdout: " + " ".join(args), run(args, stdout=None, pre=lambda: os.close(1)), 74,
          LOST + " (stdout is closed)")

# A reader that went away: silence and 141, whether SIGPIPE ends r1tag or is ignored and write says EPIPE.
for ignore in (False, True):
    r, w = os.pipe()
    os.close(r)
    pre = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else \
        (lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
    code, _, err = run(["gpus"], stdout=w, pre=pre)
    os.close(w)
    ok = code in (141, -signal.SIGPIPE) and err == b""
    print(("ok   " if ok else "FAIL ") + f"broken pipe (SIGPIPE {'ignored' if ignore else 'default'}): exit {code}, {err!r}")
    if not ok:
        failures.append("broken pipe")



# Tables that are not regular files, too large, or nested too deep: exit 4 at once, one line.
def table_dir():
    d = tempfile.mkdtemp(prefix="r1tag-hardening-")
    shutil.copytree(os.path.join(SOURCE, "data"), os.path.join(d, "data"))
    return d, os.path.join(d, "data")


def replace_table(setup, name, want_err):
    top, data = table_dir()
    try:
        os.remove(os.path.join(data, "gpus.json"))
        setup(os.path.join(data, "gpus.json"))
        check("--data " + name, run(["--data", data, "gpus"], timeout=10), 4, want_err)
        env = dict(os.environ, R1TAG_DATA=data)
        check("R1TAG_DATA " + name, run(["gpus"], env=env, timeout=10), 4, want_err)
    finally:
        shutil.rmtree(top)


READ = "r1tag: error: cannot read data table '"
replace_table(lambda p: os.symlink("/dev/zero", p), "symlink to /dev/zero", READ)
replace_table(lambda p: os.mkfifo(p), "FIFO", READ)
replace_table(lambda p: os.mkdir(p), "directory", READ)
replace_table(lambda p: open(p, "w").write("{" + " " * (5 << 20) + "}"), "5 MiB table", READ)
replace_table(lambda p: open(p, "w").write('{"x": ' + "[" * 1000000 + "]" * 1000000 + "}"), "1,000,000 levels",
              "r1tag: error: gpus.json: /x/0/0/0")


# A table key with control characters, named in the error: escaped, one line.
def evil_key(p):
    import json
    with open(os.path.join(SOURCE, "data", "gpus.json")) as f:
        gpus = json.load(f)
    gpus["\x1b[31mEvil\nr1tag: error: forged"] = {"kind": "tpu"}
    with open(p, "w") as f:
        json.dump(gpus, f)


replace_table(evil_key, "table key with ESC and newline",
              "r1tag: error: gpus.json: /\\x1b[31mEvil\\nr1tag: error: forged/kind")

if failures:
    print("failed:", ", ".join(failures))
    sys.exit(1)
