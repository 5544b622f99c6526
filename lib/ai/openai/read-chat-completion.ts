// A provider's non-streamed answer, checked as chatCompletionSchema checks it (chat-response.ts) but
// in place: the schema's walk copies every object of the answer, on every call, for an answer that
// is then used as it came. The same rules, field for field (test/ai/read-chat-completion.test.ts
// holds the two to the same verdicts), so a provider's dialect passes and a malformed answer is caught
// before anything is charged from it.
import type { ChatCompletion } from "@/lib/ai/openai/chat-response";

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);
/** zod's `z.number().int().min(0)`: a safe integer, not negative */
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isOptionalString = (value: unknown) => value === null || value === undefined || typeof value === "string";
const isOptionalCount = (value: unknown) => value === null || value === undefined || isCount(value);

function isToolCall(value: unknown): boolean {
  if (!isObject(value) || typeof value.id !== "string" || value.type !== "function") return false;
  const fn = value.function;
  return isObject(fn) && typeof fn.name === "string" && typeof fn.arguments === "string";
}

function isChoice(value: unknown): boolean {
  if (!isObject(value) || !isNumber(value.index) || !isOptionalString(value.finish_reason)) return false;
  const message = value.message;
  if (!isObject(message) || message.role !== "assistant") return false;
  if (!isOptionalString(message.content) || !isOptionalString(message.refusal)) return false;
  const toolCalls = message.tool_calls;
  return toolCalls === null || toolCalls === undefined || (Array.isArray(toolCalls) && toolCalls.every(isToolCall));
}

function isUsage(value: unknown): boolean {
  if (!isObject(value) || !isCount(value.prompt_tokens) || !isCount(value.completion_tokens)) return false;
  if (value.total_tokens !== undefined && !isCount(value.total_tokens)) return false;
  const prompt = value.prompt_tokens_details;
  if (prompt !== null && prompt !== undefined && !(isObject(prompt) && isOptionalCount(prompt.cached_tokens))) return false;
  const completion = value.completion_tokens_details;
  return completion === null || completion === undefined || (isObject(completion) && isOptionalCount(completion.reasoning_tokens));
}

/** Whether `value` (parsed JSON) is a chat completion: exactly what chatCompletionSchema accepts. */
export function isChatCompletion(value: unknown): value is ChatCompletion {
  if (!isObject(value) || typeof value.id !== "string" || !isNumber(value.created) || typeof value.model !== "string") return false;
  if (value.object !== "chat.completion" || !Array.isArray(value.choices) || !value.choices.every(isChoice)) return false;
  return value.usage === null || value.usage === undefined || isUsage(value.usage);
}
