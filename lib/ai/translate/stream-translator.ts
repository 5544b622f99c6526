// The contract both stream translators keep, so the gateway drives either the same way.
import type { TokenUsage } from "@/lib/ai/types";

/**
 * Translates one streamed answer, item by item. `push` returns what the item becomes (often nothing,
 * sometimes several items). `end` is called once when the upstream finished normally (`[DONE]`, or
 * the body ended after the last event) and returns the items that close the stream, reporting
 * `fallbackUsage` (the gateway's own count) when the provider sent none. A stream the provider
 * broke off is not ended: the gateway sends an error event instead.
 * `usage` is the provider's last cumulative usage so far, canonical, or null while it sent none.
 */
export type StreamTranslator<In, Out> = {
  push(item: In): Out[];
  end(fallbackUsage?: TokenUsage): Out[];
  readonly usage: TokenUsage | null;
};

export const NO_USAGE: TokenUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
