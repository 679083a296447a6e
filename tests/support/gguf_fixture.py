#!/usr/bin/env python3
"""GGUF headers for r1tag's --remote tests, written with the standard library only.

The layout is ggml's docs/gguf.md (magic, version 3, tensor and key/value counts, key/values, tensor
infos, data aligned to general.alignment = 32); split sets follow llama.cpp's gguf-split (split.no,
split.count, split.tensors.count; metadata in the first part only). Tensor names and shapes are
DeepSeek-R1's (deepseek2: 61 blocks, 3 dense, 256 routed experts of 2048, MLA q_lora 1536, kv_lora 512),
so a reader finds real sizes. Files are "sparse": the header is real, the data section is declared by the
tensor offsets and served as zeros, so a ~150 GB file costs a few MB of memory.
"""
import struct

GGUF_TYPES = {  # ggml type id: (block elements, block bytes), ggml.c type traits
    "F32": (0, 1, 4), "F16": (1, 1, 2), "Q8_0": (8, 32, 34), "Q2_K": (10, 256, 84), "Q3_K": (11, 256, 110),
    "Q4_K": (12, 256, 144), "Q5_K": (13, 256, 176), "Q6_K": (14, 256, 210), "IQ2_XXS": (16, 256, 66),
    "IQ1_S": (19, 256, 50), "IQ4_XS": (23, 256, 136),
}
ALIGN = 32


def _str(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def _kv(key, value):
    """One key/value: ints are u32 (type 4), u16 when given as ("u16", v), floats f32, strings, string arrays."""
    out = _str(key)
    if isinstance(value, tuple) and value[0] == "u16":
        return out + struct.pack("<IH", 2, value[1])
    if isinstance(value, tuple) and value[0] == "i32":
        return out + struct.pack("<Ii", 5, value[1])
    if isinstance(value, bool):
        return out + struct.pack("<I?", 7, value)
    if isinstance(value, int):
        return out + struct.pack("<II", 4, value)
    if isinstance(value, float):
        return out + struct.pack("<If", 6, value)
    if isinstance(value, str):
        return out + struct.pack("<I", 8) + _str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return out + struct.pack("<IIQ", 9, 8, len(value)) + b"".join(_str(v) for v in value)
    if isinstance(value, list):
        return out + struct.pack("<IIQ", 9, 5, len(value)) + b"".join(struct.pack("<i", v) for v in value)
    raise TypeError(key)


def tensor_bytes(shape, type_name):
    _, block, size = GGUF_TYPES[type_name]
    n = 1
    for d in shape:
        n *= d
    return n // block * size


def header(kvs, tensors):
    """Returns (header bytes padded to ALIGN, total file size). tensors: [(name, shape, type_name)]."""
    body = b"".join(_kv(k, v) for k, v in kvs)
    infos = b""
    offset = 0
    for name, shape, type_name in tensors:
        infos += _str(name) + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", d) for d in shape)
        infos += struct.pack("<IQ", GGUF_TYPES[type_name][0], offset)
        offset += (tensor_bytes(shape, type_name) + ALIGN - 1) // ALIGN * ALIGN
    head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kvs)) + body + infos
    head += b"\0" * ((ALIGN - len(head) % ALIGN) % ALIGN)
    return head, len(head) + offset


def r1_tensors(expert_type="IQ1_S", other_type="Q4_K"):
    """DeepSeek-R1 671B's tensors (llama.cpp deepseek2, MLA layout with attn_k_b/attn_v_b), in file order."""
    d, vocab, heads = 7168, 129280, 128
    t = [("token_embd.weight", [d, vocab], other_type)]
    for i in range(61):
        p = f"blk.{i}."
        t += [(p + "attn_norm.weight", [d], "F32"), (p + "attn_q_a_norm.weight", [1536], "F32"),
              (p + "attn_kv_a_norm.weight", [512], "F32"), (p + "attn_q_a.weight", [d, 1536], other_type),
              (p + "attn_q_b.weight", [1536, heads * 192], other_type),
              (p + "attn_kv_a_mqa.weight", [d, 576], other_type),
              (p + "attn_k_b.weight", [128, 512, heads], "Q8_0"), (p + "attn_v_b.weight", [512, 128, heads], "Q8_0"),
              (p + "attn_output.weight", [heads * 128, d], other_type), (p + "ffn_norm.weight", [d], "F32")]
        if i < 3:
            t += [(p + "ffn_gate.weight", [d, 18432], other_type), (p + "ffn_up.weight", [d, 18432], other_type),
                  (p + "ffn_down.weight", [18432, d], "Q6_K")]
        else:
            t += [(p + "ffn_gate_inp.weight", [d, 256], "F32"), (p + "exp_probs_b.bias", [256], "F32"),
                  (p + "ffn_gate_exps.weight", [d, 2048, 256], expert_type),
                  (p + "ffn_up_exps.weight", [d, 2048, 256], expert_type),
                  (p + "ffn_down_exps.weight", [2048, d, 256], "IQ2_XXS" if expert_type == "IQ1_S" else expert_type),
                  (p + "ffn_gate_shexp.weight", [d, 2048], other_type), (p + "ffn_up_shexp.weight", [d, 2048], other_type),
                  (p + "ffn_down_shexp.weight", [2048, d], "Q6_K")]
    t += [("output_norm.weight", [d], "F32"), ("output.weight", [d, vocab], "Q6_K")]
    return t


def r1_metadata(name, file_type):
    """DeepSeek-R1's hyperparameters as llama.cpp's convert_hf_to_gguf writes them, and a tokenizer of
    R1's shape (129280 tokens, ~127k merges) so the first part's header is about 5 MB, like the real one."""
    vocab = 129280
    return [
        ("general.architecture", "deepseek2"), ("general.name", name), ("general.file_type", file_type),
        ("general.alignment", ALIGN),
        ("deepseek2.block_count", 61), ("deepseek2.context_length", 163840), ("deepseek2.embedding_length", 7168),
        ("deepseek2.feed_forward_length", 18432), ("deepseek2.attention.head_count", 128),
        ("deepseek2.attention.head_count_kv", 1), ("deepseek2.rope.freq_base", 10000.0),
        ("deepseek2.attention.layer_norm_rms_epsilon", 1e-6), ("deepseek2.expert_used_count", 8),
        ("deepseek2.leading_dense_block_count", 3), ("deepseek2.vocab_size", vocab),
        ("deepseek2.attention.q_lora_rank", 1536), ("deepseek2.attention.kv_lora_rank", 512),
        ("deepseek2.attention.key_length", 576), ("deepseek2.attention.value_length", 512),
        ("deepseek2.attention.key_length_mla", 192), ("deepseek2.attention.value_length_mla", 128),
        ("deepseek2.expert_feed_forward_length", 2048), ("deepseek2.expert_count", 256),
        ("deepseek2.expert_shared_count", 1), ("deepseek2.expert_weights_scale", 2.5),
        ("deepseek2.expert_weights_norm", True), ("deepseek2.expert_gating_func", 2),
        ("deepseek2.rope.dimension_count", 64),
        ("tokenizer.ggml.model", "gpt2"), ("tokenizer.ggml.pre", "deepseek-v3"),
        ("tokenizer.ggml.tokens", [f"tok{i:06d}" for i in range(vocab)]),
        ("tokenizer.ggml.token_type", [1] * vocab),
        ("tokenizer.ggml.merges", [f"t{i:05d} m{i:05d}" for i in range(127741)]),
    ]


def r1_split(name, parts, expert_type="IQ1_S", other_type="Q4_K", file_type=24):
    """A gguf-split set of R1: [(header bytes, file size)] per part, tensors dealt out in order."""
    tensors = r1_tensors(expert_type, other_type)
    per = (len(tensors) + parts - 1) // parts
    out = []
    for i in range(parts):
        kvs = r1_metadata(name, file_type) if i == 0 else []
        kvs = kvs + [("split.no", ("u16", i)), ("split.count", ("u16", parts)), ("split.tensors.count", ("i32", len(tensors)))]
        out.append(header(kvs, tensors[i * per:(i + 1) * per]))
    return out


def distill_single(name="DeepSeek-R1-Distill-Qwen-1.5B", type_name="Q4_K"):
    """A small single-file qwen2 distill header (28 blocks, 1536 wide) for the one-file cases."""
    d, ff, vocab = 1536, 8960, 151936
    t = [("token_embd.weight", [d, vocab], type_name)]
    for i in range(28):
        p = f"blk.{i}."
        t += [(p + "attn_norm.weight", [d], "F32"), (p + "attn_q.weight", [d, d], type_name),
              (p + "attn_k.weight", [d, 256], type_name), (p + "attn_v.weight", [d, 256], "Q6_K"),
              (p + "attn_output.weight", [d, d], type_name), (p + "ffn_norm.weight", [d], "F32"),
              (p + "ffn_gate.weight", [d, ff], type_name), (p + "ffn_up.weight", [d, ff], type_name),
              (p + "ffn_down.weight", [ff, d], "Q6_K")]
    t += [("output_norm.weight", [d], "F32")]
    kvs = [("general.architecture", "qwen2"), ("general.name", name), ("general.file_type", 15),
           ("general.alignment", ALIGN), ("qwen2.block_count", 28), ("qwen2.context_length", 131072),
           ("qwen2.embedding_length", d), ("qwen2.feed_forward_length", ff), ("qwen2.attention.head_count", 12),
           ("qwen2.attention.head_count_kv", 2), ("qwen2.rope.freq_base", 10000.0),
           ("qwen2.attention.layer_norm_rms_epsilon", 1e-6), ("tokenizer.ggml.model", "gpt2"),
           ("tokenizer.ggml.tokens", [f"tok{i:06d}" for i in range(vocab)])]
    return header(kvs, t)
