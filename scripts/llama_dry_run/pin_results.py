#!/usr/bin/env python3
"""Turns measure_all.sh's JSON (from dry_run.mjs or dry_run_native) into the C++ rows pinned in
tests/memory/memory_estimator_test.cpp (or a second row set such as tests/memory/dry_run_rows_b10256.inc).

usage: scripts/llama_dry_run/pin_results.py OUT_DIR > rows.inc   (then paste over the k_dry_run_* tables)
Standard library only.
"""
import json
import pathlib
import sys

# file name -> (model id, layout), as measure_all.sh writes them
FILES = {
    "qwen2-1.5b-q4_k_m": ("DeepSeek-R1-Distill-Qwen-1.5B", "standard", "Q4_K_M"),
    "qwen2-7b-q4_k_m": ("DeepSeek-R1-Distill-Qwen-7B", "standard", "Q4_K_M"),
    "qwen2-14b-q4_k_m": ("DeepSeek-R1-Distill-Qwen-14B", "standard", "Q4_K_M"),
    "qwen2-32b-q4_k_m": ("DeepSeek-R1-Distill-Qwen-32B", "standard", "Q4_K_M"),
    "llama-8b-q4_k_m": ("DeepSeek-R1-Distill-Llama-8B", "standard", "Q4_K_M"),
    "llama-70b-q4_k_m": ("DeepSeek-R1-Distill-Llama-70B", "standard", "Q4_K_M"),
    "qwen3-8b-q4_k_m": ("DeepSeek-R1-0528-Qwen3-8B", "standard", "Q4_K_M"),
    "deepseek2-legacy-q4_k_m": ("DeepSeek-R1", "legacy", "Q4_K_M"),
    "deepseek2-mla-q4_k_m": ("DeepSeek-R1", "mla", "Q4_K_M"),
    "qwen2-7b-q8_0": ("DeepSeek-R1-Distill-Qwen-7B", "standard", "Q8_0"),
    "llama-8b-f16": ("DeepSeek-R1-Distill-Llama-8B", "standard", "F16"),
}
LAYOUT = {"standard": "KvLayout::standard", "legacy": "KvLayout::deepseek_legacy", "mla": "KvLayout::deepseek_mla"}


def centi(mib):
    return round(mib * 100)


def main():
    out = pathlib.Path(sys.argv[1])
    models, contexts = [], []
    for name, (model, layout, scheme) in FILES.items():
        d = json.loads((out / f"{name}.json").read_text())
        models.append(f'    {{"{model}", {LAYOUT[layout]}, "{scheme}", {d["model_bytes"]}ULL, {d["n_vocab"]}}},')
        if scheme != "Q4_K_M":
            continue
        for c in d["contexts"]:
            if "error" in c:
                continue
            contexts.append(
                f'    {{"{model}", {LAYOUT[layout]}, {c["context_tokens"]}, "{c["kv_type"].upper()}", '
                f'{"true" if c["flash_attention"] else "false"}, {c["kv_cells"]}, {centi(c["kv_k_mib"])}, '
                f'{centi(c["kv_v_mib"])}, {centi(c["compute_mib"])}, {centi(c["output_mib"])}, '
                f'{c["kv_plus_compute_bytes"]}ULL}},')
    print(f'// {json.loads((out / "qwen2-7b-q4_k_m.json").read_text())["build"]}')
    print("\n".join(models))
    print("\n".join(contexts))


if __name__ == "__main__":
    main()
