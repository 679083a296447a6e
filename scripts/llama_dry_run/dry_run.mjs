// node dry_run.mjs FILE.gguf [--ctx 2048,4096] [--kv f16,q8_0,q4_0] [--fa on,off] [--ubatch 512]
//
// Asks llama.cpp itself, through node-llama-cpp's prebuilt CPU build, what a model needs: the model is
// loaded with no_alloc (llama.cpp plans every buffer and allocates none of the big ones, the path
// node-llama-cpp's own `inspect estimate` uses), then one context per combination of context size, KV
// cache type and flash attention is created and measured. Prints one JSON document on stdout:
//   exact bytes from llama.cpp's memory breakdown: model_bytes (all model buffers) and, per context,
//   kv_plus_compute_bytes (KV cache + compute buffers);
//   the MiB figures of llama.cpp's own log lines (2 decimals): kv K/V, compute, output buffer.
// Works on data-less GGUFs (see write_gguf.cpp). Uses node-llama-cpp internals (_bindings.AddonModel /
// AddonContext with noAlloc), so package.json pins its exact version.
import {getLlama, LlamaLogLevel} from "node-llama-cpp";
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import path from "node:path";

const ggmlTypeIds = {f32: 0, f16: 1, q4_0: 2, q4_1: 3, q5_0: 6, q5_1: 7, q8_0: 8, iq4_nl: 20, bf16: 30};

function parseArgs(argv) {
    const args = {file: undefined, ctx: [4096], kv: ["f16"], fa: [false], ubatch: 512};
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => argv[++i];
        if (a === "--ctx") args.ctx = next().split(",").map(Number);
        else if (a === "--kv") args.kv = next().split(",");
        else if (a === "--fa") args.fa = next().split(",").map((v) => v === "on");
        else if (a === "--ubatch") args.ubatch = Number(next());
        else args.file = a;
    }
    if (args.file === undefined) {
        console.error("usage: node dry_run.mjs FILE.gguf [--ctx 2048,4096] [--kv f16,q8_0] [--fa on,off] [--ubatch 512]");
        process.exit(2);
    }
    for (const kv of args.kv) if (!(kv in ggmlTypeIds)) throw new Error(`unknown KV type ${kv}`);
    return args;
}

function llamaCppBuild() {
    const require = createRequire(import.meta.url);
    const root = path.dirname(path.dirname(require.resolve("node-llama-cpp")));
    const info = JSON.parse(readFileSync(path.join(root, "llama", "llama.cpp.info.json"), "utf8"));
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
    return {node_llama_cpp: pkg.version, llama_cpp_repo: info.llamaCppGithubRepo, llama_cpp_tag: info.tag};
}

// llama.cpp's own log lines, captured while one model or context is created. They reach the JS
// logger asynchronously (a thread-safe N-API callback), so wait for them before reading.
let logLines = [];
const flushLog = () => new Promise((resolve) => setTimeout(resolve, 100));
const mib = (re) => {
    for (const line of logLines) {
        const m = line.match(re);
        if (m) return Number(m[1]);
    }
    return null;
};

const args = parseArgs(process.argv.slice(2));
const llama = await getLlama({
    gpu: false,
    build: "never",
    logLevel: LlamaLogLevel.debug,
    logger: (_level, message) => { logLines.push(message); }
});

logLines = [];
const model = new llama._bindings.AddonModel(path.resolve(args.file), {gpuLayers: 0, noAlloc: true, useMmap: false});
if (!await model.init()) throw new Error("llama.cpp could not load " + args.file + ":\n" + logLines.join(""));
await flushLog();
const modelBreakdown = model.getMemoryBreakdown();
const vocabLine = logLines.find((l) => /n_vocab\s*=/.test(l));

const result = {
    build: llamaCppBuild(),
    file: path.basename(args.file),
    model_bytes: modelBreakdown.cpuRam + modelBreakdown.gpuVram,
    n_vocab: vocabLine ? Number(vocabLine.match(/n_vocab\s*=\s*(\d+)/)[1]) : null,
    contexts: []
};

for (const contextSize of args.ctx) {
    for (const kv of args.kv) {
        for (const flashAttention of args.fa) {
            logLines = [];
            const entry = {context_tokens: contextSize, kv_type: kv, flash_attention: flashAttention, ubatch_tokens: args.ubatch};
            const context = new llama._bindings.AddonContext(model, {
                contextSize,
                batchSize: args.ubatch,
                sequences: 1,
                flashAttention,
                kvCacheKeyType: ggmlTypeIds[kv],
                kvCacheValueType: ggmlTypeIds[kv]
            });
            try {
                if (!await context.init()) {
                    await flushLog();
                    throw new Error(logLines.filter((l) => /error|requires/i.test(l)).join("").trim() || "context failed");
                }
                await flushLog();
                const breakdown = context.getMemoryBreakdown();
                const kvLine = logLines.find((l) => l.includes("llama_kv_cache: size ="));
                entry.kv_cells = kvLine ? Number(kvLine.match(/\(\s*(\d+) cells/)[1]) : null;
                entry.kv_mib = mib(/llama_kv_cache: size =\s*([\d.]+) MiB/);
                entry.kv_k_mib = mib(/K \(\w+\):\s*([\d.]+) MiB/);
                entry.kv_v_mib = mib(/V \(\w+\):\s*([\d.]+) MiB/);
                entry.compute_mib = mib(/CPU compute buffer size =\s*([\d.]+) MiB/);
                entry.output_mib = mib(/output buffer size =\s*([\d.]+) MiB/);
                entry.kv_plus_compute_bytes = breakdown.cpuRam + breakdown.gpuVram;
            } catch (error) {
                entry.error = String(error.message ?? error).split("\n")[0];
            } finally {
                await context.dispose();
            }
            result.contexts.push(entry);
        }
    }
}

await model.dispose();
console.log(JSON.stringify(result, null, 1));
