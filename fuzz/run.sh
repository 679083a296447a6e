#!/usr/bin/env bash
# Builds the libFuzzer target for parse_tag + resolve with clang (-fsanitize=fuzzer,address,undefined)
# and runs it for a bounded time. Not part of the default build; needs clang and libclang-rt
# (Debian: apt-get install clang). Usage:
#   fuzz/run.sh [SECONDS]        # default 60
# Crashing inputs are written to build/fuzz/findings/; copy each into tests/corpus/fuzz/ after fixing
# it, so that tag_parser_test.cpp replays it forever.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$root/build/fuzz"
seconds="${1:-60}"

# The library is built by the project's own CMake (which also generates the embedded catalogue),
# instrumented for the fuzzer but without its main; only the target links libFuzzer's main.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DR1TAG_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build" -j2 --target r1tag_embedded >/dev/null
clang++ -std=c++20 $flags -fsanitize=fuzzer -I"$root/include" "$here/fuzz_tag.cpp" \
  "$build/libr1tag_embedded.a" "$build/libr1tag_core.a" -lfmt -o "$build/fuzz_tag"

# Seeds: every real name and every regression, one file each.
corpus="$build/corpus"
mkdir -p "$corpus" "$build/findings"
i=0
for list in "$root/tests/corpus/tags.txt" "$root/tests/corpus/regressions.txt"; do
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    printf '%s' "$line" >"$corpus/seed-$i"
    i=$((i + 1))
  done <"$list"
done
if [ -d "$root/tests/corpus/fuzz" ]; then cp "$root/tests/corpus/fuzz/"* "$corpus/" 2>/dev/null || true; fi

# A name is short: 4 KiB is far above any real one and keeps the quadratic edit distance cheap.
"$build/fuzz_tag" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/findings/" -print_final_stats=1
