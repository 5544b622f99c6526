// What an Anthropic provider answers to /messages when not streaming, and the usage it reports.
import { z } from "zod";
import { redactedThinkingBlockSchema, textBlockSchema, thinkingBlockSchema, toolUseBlockSchema } from "./content-blocks";

const count = z.number().int().min(0);

/** Anthropic's usage: `input_tokens` excludes cache writes and reads, which are counted apart. */
export const anthropicUsageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

/** The stop reasons Anthropic documents; translation reads any other as end_turn. */
export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";

export const responseBlockSchema = z.discriminatedUnion("type", [
  textBlockSchema,
  toolUseBlockSchema,
  thinkingBlockSchema,
  redactedThinkingBlockSchema,
]);
export type ResponseBlock = z.infer<typeof responseBlockSchema>;

export const anthropicMessageSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string(),
  content: z.array(responseBlockSchema),
  stop_reason: z.string().nullable(),
  stop_sequence: z.string().nullish(),
  usage: anthropicUsageSchema,
});
export type AnthropicMessageResponse = z.infer<typeof anthropicMessageSchema>;
