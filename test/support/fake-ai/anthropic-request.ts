// What the fake provider reads from an Anthropic Messages request, and its documented counting rule:
// the request is read as the equivalent Chat Completions request (system first, text and tool-result
// blocks as text parts, images as image parts, tool_use blocks as tool calls, tools as functions) and
// counted with estimateChatInputTokens, so a test computes the same number from the same body.
import { z } from "zod";
import { estimateChatInputTokens, type ChatRequestLike } from "@/lib/ai/tokens";
import type { TokenUsage } from "@/lib/ai/types";
import { planAnswer, type PlannedAnswer } from "@/lib/demo/ai-answer";
import type { FakeBehaviour } from "./behaviour";

const textBlocks = z.array(z.looseObject({ type: z.string(), text: z.string().optional() }));
const blockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
  content: z.union([z.string(), textBlocks]).optional(),
});
type Block = z.infer<typeof blockSchema>;

const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(1),
  messages: z.array(z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(blockSchema)]) })).min(1),
  system: z.union([z.string(), textBlocks]).optional(),
  tools: z.array(z.looseObject({ name: z.string().min(1), description: z.string().optional(), input_schema: z.unknown() })).optional(),
  tool_choice: z.looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional() }).optional(),
  stream: z.boolean().optional(),
});
type MessagesRequest = z.infer<typeof messagesRequestSchema>;

type ChatPart = { type: string; text?: string };
type ChatMessage = {
  role: string;
  content: string | ChatPart[];
  tool_calls?: { id?: string; function: { name: string; arguments: string } }[];
};

const joinText = (content: string | { text?: string }[] | undefined) =>
  typeof content === "string" ? content : (content ?? []).map((block) => block.text ?? "").join("");

function asChatPart(block: Block): ChatPart {
  if (block.type === "text") return { type: "text", text: block.text ?? "" };
  if (block.type === "tool_result") return { type: "text", text: joinText(block.content) };
  if (block.type === "image") return { type: "image_url" };
  return block;
}

/** The Chat Completions request an Anthropic request stands for, for counting and answering. */
export function anthropicAsChat(request: MessagesRequest): ChatRequestLike & { messages: ChatMessage[] } {
  const messages: ChatMessage[] = request.system === undefined ? [] : [{ role: "system", content: joinText(request.system) }];
  for (const { role, content } of request.messages) {
    if (typeof content === "string") {
      messages.push({ role, content });
      continue;
    }
    const calls = content.filter((block) => block.type === "tool_use");
    const toolCalls = calls.map((block) => ({
      id: block.id,
      function: { name: block.name ?? "", arguments: JSON.stringify(block.input ?? {}) },
    }));
    const parts = content.filter((block) => block.type !== "tool_use").map(asChatPart);
    messages.push(toolCalls.length > 0 ? { role, content: parts, tool_calls: toolCalls } : { role, content: parts });
  }
  const tools = (request.tools ?? []).map(({ name, description, input_schema }) => ({
    type: "function",
    function: { name, description, parameters: input_schema },
  }));
  const choice = request.tool_choice;
  const tool_choice = choice?.type === "tool" ? { type: "function", function: { name: choice.name } } : undefined;
  return { messages, tools: tools.length > 0 ? tools : undefined, tool_choice };
}

export type FakeAnthropicPlan = { answer: PlannedAnswer; usage: TokenUsage; cacheWriteTokens: number; stream: boolean };

/**
 * The whole answer to a Messages body and its canonical usage: input counted as above (cache reads
 * and writes included), `cached:N` of it read from cache, `cache-write:N` written, output the answer's.
 */
export function planAnthropicMessage(body: unknown, behaviour: FakeBehaviour): FakeAnthropicPlan | Error {
  const parsed = messagesRequestSchema.safeParse(body);
  if (!parsed.success) return new Error(`${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
  const request = parsed.data;
  const tools = (request.tools ?? []).map((tool) => ({ name: tool.name, parameters: tool.input_schema }));
  const tool = behaviour.toolCall ? (tools.find((candidate) => candidate.name === request.tool_choice?.name) ?? tools[0]) : undefined;
  if (behaviour.toolCall && !tool) return new Error("the tool-call behaviour needs at least one tool in the request");
  const chat = anthropicAsChat(request);
  const answer = planAnswer({ messages: chat.messages, tool: tool ?? null, json: null, maxTokens: request.max_tokens });
  const inputTokens = estimateChatInputTokens(chat);
  const cachedInputTokens = Math.min(behaviour.cachedTokens, inputTokens);
  const cacheWriteTokens = Math.min(behaviour.cacheWriteTokens, inputTokens - cachedInputTokens);
  return {
    answer,
    usage: { inputTokens, cachedInputTokens, outputTokens: answer.outputTokens },
    cacheWriteTokens,
    stream: request.stream === true,
  };
}
