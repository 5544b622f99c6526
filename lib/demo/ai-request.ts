// What the demo model reads from an OpenAI request, validated as a provider would: loosely, naming only
// the fields it uses. Shared with the tests' fake provider, so both refuse the same malformed requests.
import { z } from "zod";
import type { AnswerRequest, ToolLike } from "@/lib/demo/ai-answer";
import { MAX_EMBEDDING_DIMENSIONS } from "@/lib/demo/ai-embeddings";

const partSchema = z.looseObject({ type: z.string(), text: z.string().nullish() });
const messageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(partSchema)]).nullish(),
  name: z.string().nullish(),
  tool_call_id: z.string().nullish(),
  tool_calls: z
    .array(z.looseObject({ id: z.string().nullish(), function: z.looseObject({ name: z.string(), arguments: z.string() }) }))
    .nullish(),
});
const toolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({ name: z.string().min(1), parameters: z.unknown().optional() }),
});

export const demoChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  tools: z.array(toolSchema).nullish(),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.looseObject({ function: z.looseObject({ name: z.string() }) })]).nullish(),
  response_format: z.looseObject({ type: z.string(), json_schema: z.looseObject({ schema: z.unknown().optional() }).nullish() }).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  n: z.literal(1).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});
export type DemoChatRequest = z.infer<typeof demoChatRequestSchema>;

export const demoEmbeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int()).min(1)).min(1),
  ]),
  dimensions: z.number().int().min(1).max(MAX_EMBEDDING_DIMENSIONS).nullish(),
  encoding_format: z.enum(["float", "base64"]).nullish(),
});

/** The cap on output tokens: the newer field wins, as at OpenAI. */
export function requestedMaxTokens(request: DemoChatRequest, fallback: number): number {
  return request.max_completion_tokens ?? request.max_tokens ?? fallback;
}

/** The tool a call goes to: the one `tool_choice` names, else the first; none when there are no tools or tool_choice is "none". */
export function chosenTool(request: DemoChatRequest): ToolLike | null {
  const tools = (request.tools ?? []).map((tool) => ({ name: tool.function.name, parameters: tool.function.parameters }));
  if (tools.length === 0 || request.tool_choice === "none") return null;
  const named = typeof request.tool_choice === "object" && request.tool_choice ? request.tool_choice.function.name : undefined;
  return tools.find((tool) => tool.name === named) ?? tools[0]!;
}

/** The planner's view of a request; `tool` is decided by the caller (the demo calls tools on its own, the fake when told to). */
export function answerRequestOf(request: DemoChatRequest, tool: ToolLike | null, maxTokens: number): AnswerRequest {
  const format = request.response_format;
  const json = format?.type === "json_object" ? {} : format?.type === "json_schema" ? { schema: format.json_schema?.schema } : null;
  return { messages: request.messages, tool, json, maxTokens };
}
