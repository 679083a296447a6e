// The tag parser: model names in every dialect people meet (ollama tags, Hugging Face GGUF file
// and repository names of every publisher, hf.co references, split shards) to ParsedTag fields.
// Pure: no catalogue, no I/O. Unknown words are kept in ParsedTag::unplaced, never dropped.
#pragma once

#include <r1tag/names/tag.hpp>

#include <string_view>

namespace r1tag {

// Reads one model name. Throws Error (bad_input) only for input that is not a name at all
// (empty, or with characters no tag or file name contains).
// Example: "deepseek-r1:7b-qwen-distill-q4_K_M" -> dialect ollama, ollama_tag "7b-qwen-distill-q4_K_M",
// size_label "7b", base "qwen", distill true, quant "Q4_K_M".
// Example: "DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf" -> dialect hf_file, names_r1, quant "UD-IQ1_S",
// shard {1, 3, gguf_split}.
ParsedTag parse_tag(std::string_view text);

// The canonical spelling of a quant token, or "" if `token` does not look like a quant.
// Example: "q4_k_m" -> "Q4_K_M"; "fp16" -> "F16"; "ud-iq1_s" -> "UD-IQ1_S"; "7b" -> "".
std::string canonical_quant(std::string_view token);

}  // namespace r1tag
