// The content blocks of Anthropic Messages, in requests and answers. Objects are loose so fields we
// do not translate (`cache_control`, `citations`) survive a call that goes to an Anthropic provider.
import { z } from "zod";

export const textBlockSchema = z.looseObject({ type: z.literal("text"), text: z.string() });
export type TextBlock = z.infer<typeof textBlockSchema>;

const imageSourceSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("base64"), media_type: z.string().min(1), data: z.string().min(1) }),
  z.looseObject({ type: z.literal("url"), url: z.url({ protocol: /^https?$/ }) }),
]);
export type ImageSource = z.infer<typeof imageSourceSchema>;

export const imageBlockSchema = z.looseObject({ type: z.literal("image"), source: imageSourceSchema });
export type ImageBlock = z.infer<typeof imageBlockSchema>;

export const toolUseBlockSchema = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});
export type ToolUseBlock = z.infer<typeof toolUseBlockSchema>;

export const toolResultBlockSchema = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textBlockSchema, imageBlockSchema]))]).optional(),
  is_error: z.boolean().optional(),
});
export type ToolResultBlock = z.infer<typeof toolResultBlockSchema>;

// Extended thinking: Claude Code sends earlier thinking back with its signature, so a request must be
// able to carry it even though Chat Completions has no place for it (translation drops it).
export const thinkingBlockSchema = z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional() });
export const redactedThinkingBlockSchema = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });

export const contentBlockSchema = z.discriminatedUnion("type", [
  textBlockSchema,
  imageBlockSchema,
  toolUseBlockSchema,
  toolResultBlockSchema,
  thinkingBlockSchema,
  redactedThinkingBlockSchema,
]);
export type ContentBlock = z.infer<typeof contentBlockSchema>;
