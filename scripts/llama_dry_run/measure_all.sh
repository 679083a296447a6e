#!/bin/sh
# Writes a data-less GGUF for every R1-family architecture (both deepseek2 layouts) and asks llama.cpp
# for its buffers at contexts 2K-128K, KV f16/q8_0/q4_0, flash attention on and off.
# Usage: scripts/llama_dry_run/measure_all.sh BUILD_DIR OUT_DIR   (BUILD_DIR configured with -DR1TAG_BUILD_DRY_RUN=ON)
# DRY_RUN=/path/to/dry_run_native measures with a llama.cpp built from source instead of node-llama-cpp's
# (README.md, "Against a llama.cpp built from source"); both print the same JSON.
set -eu
build=${1:?build dir}
out=${2:?output dir}
here=$(cd "$(dirname "$0")" && pwd)
dry_run=${DRY_RUN:-node $here/dry_run.mjs}
writer="$build/scripts/llama_dry_run/r1tag_write_gguf"
mkdir -p "$out"
contexts=2048,4096,8192,16384,32768,65536,131072
run() {  # model scheme layout name
  gguf="$out/$4.gguf"
  "$writer" "$1" "$2" "$3" "$gguf" > "$out/$4.plan.json"
  $dry_run "$gguf" --ctx "$contexts" --kv f16,q8_0,q4_0 --fa on,off > "$out/$4.json"
  rm -f "$gguf"
  echo "$4 done"
}
run DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M standard qwen2-1.5b-q4_k_m
run DeepSeek-R1-Distill-Qwen-7B Q4_K_M standard qwen2-7b-q4_k_m
run DeepSeek-R1-Distill-Qwen-14B Q4_K_M standard qwen2-14b-q4_k_m
run DeepSeek-R1-Distill-Qwen-32B Q4_K_M standard qwen2-32b-q4_k_m
run DeepSeek-R1-Distill-Llama-8B Q4_K_M standard llama-8b-q4_k_m
run DeepSeek-R1-Distill-Llama-70B Q4_K_M standard llama-70b-q4_k_m
run DeepSeek-R1-0528-Qwen3-8B Q4_K_M standard qwen3-8b-q4_k_m
run DeepSeek-R1 Q4_K_M legacy deepseek2-legacy-q4_k_m
run DeepSeek-R1 Q4_K_M mla deepseek2-mla-q4_k_m
run DeepSeek-R1-Distill-Qwen-7B Q8_0 standard qwen2-7b-q8_0
run DeepSeek-R1-Distill-Llama-8B F16 standard llama-8b-f16
