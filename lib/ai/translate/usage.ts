// Provider usage ⇄ Tollgate's canonical TokenUsage (lib/ai/types.ts): cached input is part of input,
// reasoning part of output, so price = uncached × input + cached × cached + output × output.
import type { AnthropicUsage } from "@/lib/ai/anthropic/message-response";
import type { AnthropicDeltaUsage } from "@/lib/ai/anthropic/stream-events";
import type { OpenAIUsage } from "@/lib/ai/openai/chat-response";
import type { TokenUsage } from "@/lib/ai/types";

/** OpenAI counts cached tokens inside prompt_tokens and reasoning inside completion_tokens already. */
export function usageFromOpenAI(usage: OpenAIUsage): TokenUsage {
  return {
    inputTokens: usage.prompt_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage.completion_tokens,
  };
}

/** Anthropic counts cache writes and reads apart from input_tokens: all three are input, reads are cached. */
export function usageFromAnthropic(usage: AnthropicUsage): TokenUsage {
  const cacheWrites = usage.cache_creation_input_tokens ?? 0;
  const cacheReads = usage.cache_read_input_tokens ?? 0;
  return { inputTokens: usage.input_tokens + cacheWrites + cacheReads, cachedInputTokens: cacheReads, outputTokens: usage.output_tokens };
}

/** OpenAI's usage object for an answer, with cached input in prompt_tokens_details. */
export function toOpenAIUsage(usage: TokenUsage): OpenAIUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
  };
}

/** Anthropic's usage object for an answer: uncached input in input_tokens, cached in cache_read_input_tokens. */
export function toAnthropicUsage(usage: TokenUsage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    // Canonical usage does not keep cache writes apart: they are in input_tokens at the input price.
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedInputTokens,
  };
}

/**
 * A stream's usage so far after one more report: each field a report states replaces the earlier
 * value (Anthropic's and OpenAI's stream usage is cumulative), so the last report wins, never a sum.
 */
export function mergeAnthropicUsage(previous: AnthropicUsage | null, next: AnthropicDeltaUsage): AnthropicUsage {
  const merged: AnthropicUsage = { ...(previous ?? { input_tokens: 0 }), output_tokens: next.output_tokens };
  if (next.input_tokens != null) merged.input_tokens = next.input_tokens;
  if (next.cache_creation_input_tokens != null) merged.cache_creation_input_tokens = next.cache_creation_input_tokens;
  if (next.cache_read_input_tokens != null) merged.cache_read_input_tokens = next.cache_read_input_tokens;
  return merged;
}
