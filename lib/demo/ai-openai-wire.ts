// OpenAI Chat Completions answers as OpenAI documents them (object, chunk and usage shapes), built from
// a planned answer. Shared by the demo provider and the tests' fake provider, which adds faults.
import type { TokenUsage } from "@/lib/ai/types";
import type { PlannedAnswer } from "@/lib/demo/ai-answer";
import { splitByTokens } from "@/lib/demo/ai-text";

const FINISH_REASONS = { stop: "stop", length: "length", tool: "tool_calls" } as const;

export type CompletionMeta = { id: string; model: string; created: number };

export function openAiUsage(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** A non-streamed `chat.completion`; `usage` null leaves the member out (a provider that reports none). */
export function chatCompletionBody(meta: CompletionMeta, answer: PlannedAnswer, usage: TokenUsage | null) {
  const { toolCall } = answer;
  const message = toolCall
    ? {
        role: "assistant",
        content: null,
        refusal: null,
        annotations: [],
        tool_calls: [{ id: toolCall.id, type: "function", function: { name: toolCall.name, arguments: toolCall.arguments } }],
      }
    : { role: "assistant", content: answer.text, refusal: null, annotations: [] };
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: FINISH_REASONS[answer.finish] }],
    ...(usage ? { usage: openAiUsage(usage) } : {}),
    service_tier: "default",
    system_fingerprint: "fp_tollgate_demo",
  };
}

/** One `data:` payload of a stream, the answer text (or tool arguments) it delivers, and the usage it reports. */
export type StreamChunk = { body: object; delivered: string; usage?: TokenUsage };

/**
 * The chunks of a streamed answer: the role chunk (with the tool call's id and name for a tool call),
 * one chunk per piece of text or arguments, the finish chunk, then, when `usage` is given (the caller
 * asked with stream_options.include_usage), a last chunk with `choices: []` and the usage.
 */
export function chatChunkBodies(
  meta: CompletionMeta,
  answer: PlannedAnswer,
  usage: TokenUsage | null,
  tokensPerChunk: number,
): StreamChunk[] {
  const head = {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: "fp_tollgate_demo",
  };
  const withUsage = usage ? { usage: null } : {};
  const chunk = (delta: object, finish: string | null = null): StreamChunk["body"] => ({
    ...head,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...withUsage,
  });
  const { toolCall } = answer;
  const chunks: StreamChunk[] = [];
  if (toolCall) {
    const call = { index: 0, id: toolCall.id, type: "function", function: { name: toolCall.name, arguments: "" } };
    chunks.push({ body: chunk({ role: "assistant", content: null, tool_calls: [call], refusal: null }), delivered: "" });
    for (const piece of splitByTokens(toolCall.arguments, tokensPerChunk)) {
      chunks.push({ body: chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }), delivered: piece });
    }
  } else {
    chunks.push({ body: chunk({ role: "assistant", content: "", refusal: null }), delivered: "" });
    for (const piece of splitByTokens(answer.text, tokensPerChunk)) chunks.push({ body: chunk({ content: piece }), delivered: piece });
  }
  chunks.push({ body: chunk({}, FINISH_REASONS[answer.finish]), delivered: "" });
  if (usage) chunks.push({ body: { ...head, choices: [], usage: openAiUsage(usage) }, delivered: "", usage });
  return chunks;
}

/** OpenAI's error object, the one member the `openai` SDK reads. */
export function openAiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}
