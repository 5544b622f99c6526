// The messages of an OpenAI Chat Completions request. Objects are loose: a field we do not name
// (`cache_control`, `reasoning_content`, a provider's extension) passes on to OpenAI-compatible
// providers instead of being refused or silently dropped.
import { z } from "zod";

export const textPartSchema = z.looseObject({ type: z.literal("text"), text: z.string() });
export type TextPart = z.infer<typeof textPartSchema>;

// Both providers take only these two forms; checking here means translation never meets an image
// it cannot express, and the caller hears which field is wrong.
const IMAGE_URL = /^(https?:\/\/|data:image\/[\w.+-]+;base64,)/i;

export const imagePartSchema = z.looseObject({
  type: z.literal("image_url"),
  image_url: z.looseObject({
    url: z.string().refine((url) => IMAGE_URL.test(url), "use an http(s) URL or a data:image/…;base64, URL"),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});
export type ImagePart = z.infer<typeof imagePartSchema>;

const refusalPartSchema = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

const textContentSchema = z.union([z.string(), z.array(textPartSchema)]);
const userContentSchema = z.union([z.string(), z.array(z.discriminatedUnion("type", [textPartSchema, imagePartSchema]))]);
const assistantContentSchema = z.union([z.string(), z.array(z.discriminatedUnion("type", [textPartSchema, refusalPartSchema]))]);

export const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

const name = z.string().optional();

export const systemMessageSchema = z.looseObject({ role: z.literal("system"), content: textContentSchema, name });
const developerMessageSchema = z.looseObject({ role: z.literal("developer"), content: textContentSchema, name });
export const userMessageSchema = z.looseObject({ role: z.literal("user"), content: userContentSchema, name });
export const assistantMessageSchema = z.looseObject({
  role: z.literal("assistant"),
  content: assistantContentSchema.nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).optional(),
  name,
});
export const toolMessageSchema = z.looseObject({ role: z.literal("tool"), content: textContentSchema, tool_call_id: z.string() });

export const chatMessageSchema = z.discriminatedUnion("role", [
  systemMessageSchema,
  developerMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
]);
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type UserMessage = z.infer<typeof userMessageSchema>;
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;
export type ToolMessage = z.infer<typeof toolMessageSchema>;
