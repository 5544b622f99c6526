// Deterministic embeddings for the demo provider and the tests' fake provider: a unit vector derived
// from a hash of the input, answered in OpenAI's `list` shape as floats or as base64 (the `openai` SDK
// asks for base64 by default and decodes it itself).
import { createHash } from "node:crypto";
import { estimateEmbeddingInputTokens, type EmbeddingInputLike } from "@/lib/ai/tokens";

export const DEFAULT_EMBEDDING_DIMENSIONS = 64;
export const MAX_EMBEDDING_DIMENSIONS = 3072;

/** The same input always gives the same unit vector. */
export function embedText(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}\n${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) values.push(digest.readUInt16LE(i) / 32_768 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  // Rounded through float32, so the float and base64 answers carry the very same numbers.
  return Array.from(new Float32Array(values.map((value) => value / norm)));
}

/** The `input` of an embeddings request as a list of items, each embedded on its own. */
function inputItems(input: EmbeddingInputLike): string[] {
  if (typeof input === "string") return [input];
  if (input.length > 0 && input.every((item) => typeof item === "number")) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
}

export function embeddingsBody(model: string, input: EmbeddingInputLike, dimensions: number, format: "float" | "base64") {
  const data = inputItems(input).map((item, index) => {
    const vector = embedText(item, dimensions);
    const embedding = format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = estimateEmbeddingInputTokens(input);
  return { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
