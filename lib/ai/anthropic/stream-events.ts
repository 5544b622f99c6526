// The server-sent events of a streamed Anthropic Messages answer, in the order they come:
// message_start, then per block content_block_start / _delta… / _stop, message_delta, message_stop;
// ping may come anywhere and error ends a stream the provider broke off.
import { z } from "zod";
import { anthropicMessageSchema, anthropicUsageSchema, responseBlockSchema } from "./message-response";

const messageStartSchema = z.looseObject({ type: z.literal("message_start"), message: anthropicMessageSchema });

const contentBlockStartSchema = z.looseObject({
  type: z.literal("content_block_start"),
  index: z.number().int().min(0),
  content_block: responseBlockSchema,
});

const deltaSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text_delta"), text: z.string() }),
  z.looseObject({ type: z.literal("input_json_delta"), partial_json: z.string() }),
  z.looseObject({ type: z.literal("thinking_delta"), thinking: z.string() }),
  z.looseObject({ type: z.literal("signature_delta"), signature: z.string() }),
  z.looseObject({ type: z.literal("citations_delta") }),
]);

const contentBlockDeltaSchema = z.looseObject({
  type: z.literal("content_block_delta"),
  index: z.number().int().min(0),
  delta: deltaSchema,
});
const contentBlockStopSchema = z.looseObject({ type: z.literal("content_block_stop"), index: z.number().int().min(0) });

/** message_delta's usage is cumulative: `output_tokens` always, the input counts when the provider restates them. */
const deltaUsageSchema = anthropicUsageSchema.partial().required({ output_tokens: true });
export type AnthropicDeltaUsage = z.infer<typeof deltaUsageSchema>;

const messageDeltaSchema = z.looseObject({
  type: z.literal("message_delta"),
  delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
  usage: deltaUsageSchema,
});

const messageStopSchema = z.looseObject({ type: z.literal("message_stop") });
const pingSchema = z.looseObject({ type: z.literal("ping") });

/** Anthropic's error object, as the `error` member of an error answer or an `error` event. */
export const anthropicErrorBodySchema = z.looseObject({ type: z.string(), message: z.string() });
export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;
const errorSchema = z.looseObject({ type: z.literal("error"), error: anthropicErrorBodySchema });

export const anthropicStreamEventSchema = z.discriminatedUnion("type", [
  messageStartSchema,
  contentBlockStartSchema,
  contentBlockDeltaSchema,
  contentBlockStopSchema,
  messageDeltaSchema,
  messageStopSchema,
  pingSchema,
  errorSchema,
]);
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
