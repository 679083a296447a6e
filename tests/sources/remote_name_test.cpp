#include <r1tag/common/error.hpp>
#include <r1tag/sources/remote_name.hpp>

#include <catch2/catch.hpp>

namespace r1tag {

TEST_CASE("remote names: Hugging Face forms", "[sources]") {
  const RemoteName a = parse_remote_name("hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S");
  CHECK(a.registry == Registry::huggingface);
  CHECK(a.repo == "unsloth/DeepSeek-R1-GGUF");
  CHECK(a.quant == "UD-IQ1_S");
  CHECK_FALSE(a.ambiguous);
  CHECK(parse_remote_name("huggingface.co/unsloth/DeepSeek-R1-GGUF:ud-iq1_s").quant == "ud-iq1_s");
  const RemoteName url = parse_remote_name("https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/blob/main/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf");
  CHECK(url.repo == "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF");
  CHECK(url.revision == "main");
  CHECK(url.path == "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf");
  CHECK(parse_remote_name("https://huggingface.co/unsloth/DeepSeek-R1-GGUF/resolve/abc123/DeepSeek-R1-UD-IQ1_S/x-00001-of-00003.gguf").path ==
        "DeepSeek-R1-UD-IQ1_S/x-00001-of-00003.gguf");
  CHECK(parse_remote_name("https://huggingface.co/unsloth/DeepSeek-R1-GGUF/tree/main/DeepSeek-R1-UD-IQ1_S").quant == "DeepSeek-R1-UD-IQ1_S");
  const RemoteName listing = parse_remote_name("hf.co/unsloth/DeepSeek-R1-GGUF");
  CHECK(listing.quant.empty());
  CHECK(listing.path.empty());
}

TEST_CASE("remote names: ollama forms", "[sources]") {
  const RemoteName a = parse_remote_name("deepseek-r1:7b");
  CHECK(a.registry == Registry::ollama);
  CHECK(a.ns == "library");
  CHECK(a.model == "deepseek-r1");
  CHECK(a.tag == "7b");
  const RemoteName b = parse_remote_name("huihui_ai/deepseek-r1-abliterated:14b");
  CHECK(b.registry == Registry::ollama);
  CHECK(b.ns == "huihui_ai");
  CHECK(b.ambiguous);
  CHECK(parse_remote_name("registry.ollama.ai/library/deepseek-r1:671b").tag == "671b");
  CHECK(parse_remote_name("deepseek-r1").tag == "latest");
}

TEST_CASE("remote names: the owner/repo:TAG rule, and its fallback", "[sources]") {
  const RemoteName quant = parse_remote_name("unsloth/DeepSeek-R1-GGUF:UD-IQ1_S");
  CHECK(quant.registry == Registry::huggingface);
  CHECK(quant.ambiguous);
  CHECK(quant.reason.find("quant label") != std::string::npos);
  CHECK(parse_remote_name("bartowski/some-model-gguf").registry == Registry::huggingface);
  CHECK(parse_remote_name("someone/deepseek-r1:q4_K_M").registry == Registry::huggingface);
  const RemoteName size = parse_remote_name("someone/deepseek-r1:14b");
  CHECK(size.registry == Registry::ollama);
  const RemoteName back = other_registry(size);
  CHECK(back.registry == Registry::huggingface);
  CHECK(back.repo == "someone/deepseek-r1");
  CHECK(back.quant == "14b");
}

TEST_CASE("remote names: what is not a name", "[sources]") {
  CHECK_THROWS_AS(parse_remote_name(""), Error);
  CHECK_THROWS_AS(parse_remote_name("https://example.com/a/b/c.gguf"), Error);
  CHECK_THROWS_AS(parse_remote_name("hf.co/onlyowner"), Error);
  CHECK_THROWS_AS(parse_remote_name("a b"), Error);
}

// The forms llama.cpp's README documents for -hf (`-hf <user>/<model>[:quant]`) and --hf-file, and the
// names `ollama run` takes (library models without their namespace, as ollama.com shows them).
TEST_CASE("remote names: how llama-server and ollama fetch the same file", "[sources]") {
  using V = std::vector<std::string>;
  CHECK(llama_server_source(parse_remote_name("hf.co/unsloth/DeepSeek-R1-GGUF:ud-iq1_s")) == V{"-hf", "unsloth/DeepSeek-R1-GGUF:UD-IQ1_S"});
  CHECK(llama_server_source(parse_remote_name(
            "https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/blob/main/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf")) ==
        V{"-hf", "bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", "--hf-file", "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"});
  CHECK(llama_server_source(parse_remote_name("deepseek-r1:7b")).empty());
  CHECK(ollama_run_name(parse_remote_name("deepseek-r1:7b")) == "deepseek-r1:7b");
  CHECK(ollama_run_name(parse_remote_name("huihui_ai/deepseek-r1-abliterated:14b")) == "huihui_ai/deepseek-r1-abliterated:14b");
  CHECK(ollama_run_name(parse_remote_name("hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S")).empty());
}

}  // namespace r1tag
