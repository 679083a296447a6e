#!/usr/bin/env bash
# Builds a libFuzzer target with clang (-fsanitize=fuzzer,address,undefined) and runs it for a bounded
# time. Not part of the default build; needs clang and libclang-rt (Debian: apt-get install clang).
# Usage:
#   fuzz/run.sh [SECONDS] [TARGET]   # default 60 s; TARGET tag (parse_tag + resolve, the default),
#                                    # cli (whole command lines, one argument per line), gguf (GGUF
#                                    # headers: read_gguf_header + explain_file + memory), hostile (command
#                                    # lines with any byte, values past 4 KiB, a failing stdout) or data
#                                    # (mutated --data tables)
# Crashing inputs are written to build/fuzz/findings/; copy each into tests/corpus/fuzz/ after fixing
# it, so that tag_parser_test.cpp replays it forever (cli findings: add a golden case instead).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$root/build/fuzz"
seconds="${1:-60}"
target="${2:-tag}"
case "$target" in tag|cli|gguf|hostile|data) ;; *) echo "fuzz/run.sh: unknown target '$target' (tag, cli, gguf, hostile or data)" >&2; exit 2 ;; esac

# The library is built by the project's own CMake (which also generates the embedded catalogue),
# instrumented for the fuzzer but without its main; only the target links libFuzzer's main.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DR1TAG_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build" -j2 --target r1tag_embedded r1tag_cli >/dev/null
clang++ -std=c++20 $flags -fsanitize=fuzzer -I"$root/include" -I"$root/src" -DR1TAG_SOURCE_DIR="\"$root\"" "$here/fuzz_$target.cpp" \
  "$build/libr1tag_cli.a" "$build/libr1tag_embedded.a" "$build/libr1tag_core.a" -lfmt -o "$build/fuzz_$target"

corpus="$build/corpus-$target"
mkdir -p "$corpus" "$build/findings"
if [ "$target" = tag ]; then
  # Seeds: every real name and every regression, one file each.
  i=0
  for list in "$root/tests/corpus/tags.txt" "$root/tests/corpus/regressions.txt"; do
    while IFS= read -r line; do
      case "$line" in ''|'#'*) continue ;; esac
      printf '%s' "$line" >"$corpus/seed-$i"
      i=$((i + 1))
    done <"$list"
  done
  if [ -d "$root/tests/corpus/fuzz" ]; then cp "$root/tests/corpus/fuzz/"* "$corpus/" 2>/dev/null || true; fi
elif [ "$target" = gguf ]; then
  # Seeds: small real-shaped headers written by the unit tests' GGUF builder (needs the dev build).
  R1TAG_FIXTURE_DIR="$corpus" "$root/build/dev/tests/r1tag_tests" "[.fuzz_seeds]" >/dev/null
elif [ "$target" = cli ]; then
  # Seeds: the golden command lines, already one argument per line.
  for args in "$root"/tests/golden/*/*.args; do
    cp "$args" "$corpus/$(basename "$(dirname "$args")")-$(basename "$args")"
  done
elif [ "$target" = hostile ]; then
  # Seeds: the golden command lines with NUL between arguments, after a mode byte (0: stdout works,
  # 1: stdout fails), each both ways.
  for args in "$root"/tests/golden/*/*.args "$root"/tests/golden/*/*.argz; do
    [ -e "$args" ] || continue
    seed="$corpus/$(basename "$(dirname "$args")")-$(basename "$args")"
    case "$args" in *.argz) body="$(cat "$args" | base64 -w0)" ;; *) body="$(tr '\n' '\0' <"$args" | base64 -w0)" ;; esac
    { printf '\0'; echo "$body" | base64 -d; } >"$seed-0"
    { printf '\1'; echo "$body" | base64 -d; } >"$seed-1"
  done
else
  # Seeds: every shipped table behind the byte that selects it (table_file_names() order), once per command.
  i=0
  for name in quant_types quant_schemes architectures catalogue runtimes gpus speed_measurements ranking speed_calibration; do
    for command in 0 1 2 3; do
      { printf "\\$(printf '%03o' $((command * 9 + i)))"; cat "$root/data/$name.json"; } >"$corpus/$name-$command"
    done
    i=$((i + 1))
  done
fi

# A name is short: 4 KiB is far above any real one and keeps the quadratic edit distance cheap. The
# hostile target goes to 64 KiB (values past 4 KiB); the data target to 128 KiB (the largest table is 83 KB).
# A GGUF header seed is up to 128 KiB; reading one must never allocate much more than that.
extra=()
case "$target" in hostile) max_len=65536 ;; data) max_len=131072 ;; gguf) max_len=131072; extra=(-malloc_limit_mb=64) ;; *) max_len=4096 ;; esac
"$build/fuzz_$target" "$corpus" -max_total_time="$seconds" -max_len="$max_len" "${extra[@]}" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/findings/" -print_final_stats=1
