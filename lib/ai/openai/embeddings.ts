// The OpenAI Embeddings request and answer (POST /embeddings). Unknown fields pass on to the provider.
import { z } from "zod";

const tokenArray = z.array(z.number().int().min(0)).min(1);

export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  // Every form OpenAI takes: text, texts, one token array, token arrays; never empty (OpenAI refuses it too).
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1), tokenArray, z.array(tokenArray).min(1)]),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().min(1).optional(),
  user: z.string().optional(),
});
export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

export const embeddingsResponseSchema = z.looseObject({
  object: z.literal("list"),
  data: z.array(
    z.looseObject({
      object: z.literal("embedding"),
      index: z.number().int(),
      // A base64 string when the request asked for encoding_format "base64".
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  model: z.string(),
  usage: z.looseObject({ prompt_tokens: z.number().int().min(0), total_tokens: z.number().int().min(0) }),
});
export type EmbeddingsResponse = z.infer<typeof embeddingsResponseSchema>;
