// Token counting with o200k_base (gpt-tokenizer, pure JS): the reservation's input estimate, the counts
// Tollgate settles on when a provider reports no usage, and the demo model's and fake provider's usage.
// The request types are structural on purpose: the zod schemas of lib/ai/openai fit them as they are.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

/**
 * OpenAI's documented chat counting ("How to count tokens with tiktoken"): every message costs 3
 * tokens of framing plus its role, a name 1 more, and every reply is primed with 3.
 */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const TOKENS_PER_REPLY = 3;
/** Tool framing, from the same guide (7 per function, 12 to close the list), over the JSON of each tool. */
const TOKENS_PER_TOOL = 7;
const TOKENS_PER_TOOL_LIST = 12;
/** Framing around each tool call an assistant message carries (its name and arguments are counted). */
const TOKENS_PER_TOOL_CALL = 3;
/**
 * One image, whatever its size or `detail`: the most a 2048 px image costs on GPT-4o-class models
 * (85 + 8 tiles × 170 = 1,445) and on Claude (about 1,600 for the largest image it keeps unscaled).
 * Models with other image rules (gpt-4o-mini's 2,833 base tokens, patch-based models) can exceed it;
 * settlement then debits the difference.
 */
export const IMAGE_TOKENS_UPPER_BOUND = 1_600;

/** User text is plain text: `<|endoftext|>` in a prompt counts as its characters, it never throws. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function countTextTokens(text: string): number {
  return text === "" ? 0 : countTokens(text, PLAIN_TEXT);
}

type ContentPartLike = { type: string; text?: string | null; refusal?: string | null };
type ToolCallLike = { id?: string | null; function?: { name?: string | null; arguments?: string | null } | null };
type ChatMessageLike = {
  role: string;
  content?: string | readonly ContentPartLike[] | null;
  name?: string | null;
  tool_calls?: readonly ToolCallLike[] | null;
  tool_call_id?: string | null;
};
/** The parts of a Chat Completions request that reach the model's input. */
export type ChatRequestLike = {
  messages: readonly ChatMessageLike[];
  tools?: readonly unknown[] | null;
  /** the deprecated form of `tools`, still accepted by OpenAI */
  functions?: readonly unknown[] | null;
  tool_choice?: unknown;
  response_format?: unknown;
};

/**
 * An upper bound of a request's input tokens: the documented framing per message and per reply,
 * every text part, name, tool call and tool definition (as JSON, which spends more tokens than the
 * form the provider renders), a JSON response schema, and IMAGE_TOKENS_UPPER_BOUND per image.
 */
export function estimateChatInputTokens(request: ChatRequestLike): number {
  let total = TOKENS_PER_REPLY;
  for (const message of request.messages) total += countMessage(message);
  const tools = [...(request.tools ?? []), ...(request.functions ?? [])];
  if (tools.length > 0) total += TOKENS_PER_TOOL_LIST + tools.reduce<number>((sum, tool) => sum + TOKENS_PER_TOOL + countJson(tool), 0);
  if (typeof request.tool_choice === "object" && request.tool_choice !== null) total += countJson(request.tool_choice);
  if (isStructuredFormat(request.response_format)) total += countJson(request.response_format);
  return total;
}

function countMessage(message: ChatMessageLike): number {
  let total = TOKENS_PER_MESSAGE + countTextTokens(message.role) + countContent(message.content);
  if (message.name) total += TOKENS_PER_NAME + countTextTokens(message.name);
  if (message.tool_call_id) total += countTextTokens(message.tool_call_id);
  for (const call of message.tool_calls ?? []) total += TOKENS_PER_TOOL_CALL + countTextTokens(call.id ?? "") + countToolCall(call);
  return total;
}

function countContent(content: ChatMessageLike["content"]): number {
  if (content === undefined || content === null) return 0;
  if (typeof content === "string") return countTextTokens(content);
  return content.reduce((sum, part) => sum + countPart(part), 0);
}

function countPart(part: ContentPartLike): number {
  if (part.type === "text") return countTextTokens(part.text ?? "");
  if (part.type === "refusal") return countTextTokens(part.refusal ?? "");
  if (part.type === "image_url") return IMAGE_TOKENS_UPPER_BOUND;
  // Audio, files and parts invented later: their JSON, a generous bound for whatever the model reads.
  return countJson(part);
}

function countToolCall(call: ToolCallLike): number {
  return countTextTokens(call.function?.name ?? "") + countTextTokens(call.function?.arguments ?? "");
}

function isStructuredFormat(format: unknown): boolean {
  return typeof format === "object" && format !== null && (format as { type?: unknown }).type !== "text";
}

function countJson(value: unknown): number {
  return countTextTokens(JSON.stringify(value) ?? "");
}

/** What an assistant answer carries: its text and tool calls. */
export type ChatOutputLike = { content?: string | null; tool_calls?: readonly ToolCallLike[] | null };

/** The output tokens of an answer as Tollgate counts it when the provider reports none: text plus each call's name and arguments. */
export function countChatOutputTokens(output: ChatOutputLike): number {
  return countTextTokens(output.content ?? "") + (output.tool_calls ?? []).reduce((sum, call) => sum + countToolCall(call), 0);
}

/** An embeddings `input`: text, texts, or token arrays (which count as their length). Exact: embeddings have no framing. */
export type EmbeddingInputLike = string | readonly string[] | readonly number[] | readonly (readonly number[])[];

export function estimateEmbeddingInputTokens(input: EmbeddingInputLike): number {
  if (typeof input === "string") return countTextTokens(input);
  let total = 0;
  for (const item of input) {
    if (typeof item === "string") total += countTextTokens(item);
    else if (typeof item === "number") total += 1;
    else total += item.length;
  }
  return total;
}
