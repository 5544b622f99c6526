// What an OpenAI-compatible provider answers to /chat/completions, streamed and not. Parsing is lenient
// where providers differ (finish reasons, optional details), so a provider's dialect is not a 502.
import { z } from "zod";
import { toolCallSchema } from "./chat-messages";

const count = z.number().int().min(0);

export const openAIUsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count.optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count.nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count.nullish() }).nullish(),
});
export type OpenAIUsage = z.infer<typeof openAIUsageSchema>;

/** The finish reasons OpenAI documents; providers may send others, which read as "stop". */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

// What a completion and each of its chunks start with.
const header = { id: z.string(), created: z.number(), model: z.string() };

export const chatCompletionSchema = z.looseObject({
  ...header,
  object: z.literal("chat.completion"),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      message: z.looseObject({
        role: z.literal("assistant"),
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: openAIUsageSchema.nullish(),
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

const toolCallDeltaSchema = z.looseObject({
  // OpenAI always sends `index`; a few compatible servers leave it out (see openai-chunks-to-anthropic-events).
  index: z.number().int().min(0).optional(),
  id: z.string().nullish(),
  type: z.literal("function").nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});
export type ToolCallDelta = z.infer<typeof toolCallDeltaSchema>;

export const chatCompletionChunkSchema = z.looseObject({
  ...header,
  object: z.literal("chat.completion.chunk"),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      delta: z.looseObject({
        role: z.string().nullish(),
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(toolCallDeltaSchema).nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: openAIUsageSchema.nullish(),
});
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

/** The error object OpenAI puts under `error`, in a JSON answer or as an SSE event mid-stream. */
export const openAIErrorBodySchema = z.looseObject({
  message: z.string(),
  type: z.string().nullish(),
  param: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});
export type OpenAIErrorBody = z.infer<typeof openAIErrorBodySchema>;
