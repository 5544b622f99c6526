// How a relayed stream is written for the caller: OpenAI's chunks (`data: {…}` … `data: [DONE]`), or
// Anthropic's named events (message_start … message_stop), translated from the canonical chunks.
// Both end with the call's cost once it is settled; both report a failure mid-stream in-band.
import type { ChatCompletionChunk } from "@/lib/ai/openai/chat-response";
import { SSE_DONE } from "@/lib/ai/sse";
import { openAIChunksToAnthropicEvents } from "@/lib/ai/translate/openai-chunks-to-anthropic-events";
import { gatewayAmount } from "@/lib/money";
import type { TokenUsage } from "@/lib/ai/types";
import type { AiCharge } from "@/lib/ai/gateway/finish-ai-call";

export type StreamEncoder = {
  /** Canonical chunks as they arrive (usage-only chunks included: the encoder decides what to show). */
  chunks(chunks: ChatCompletionChunk[]): Uint8Array[];
  /** The answer ended and was settled: the closing events. */
  finish(usage: TokenUsage | null, charge: AiCharge): Uint8Array[];
  /** The answer broke off (already settled as partial). */
  error(message: string): Uint8Array[];
};

const encoder = new TextEncoder();
const dataEvent = (data: unknown) => encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
const namedEvent = (event: { type: string }) => encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

const costFields = (charge: AiCharge) => ({
  charged: gatewayAmount(charge.charged),
  balance: charge.balanceAfter === null ? null : gatewayAmount(charge.balanceAfter),
});

/** OpenAI's format; the final usage chunk (held back until the settle adds the cost) only if asked. */
export function openAIStreamEncoder(wantsUsage: boolean): StreamEncoder {
  let usageChunk: ChatCompletionChunk | null = null;
  return {
    chunks(chunks) {
      const out: Uint8Array[] = [];
      for (const chunk of chunks) {
        if (chunk.usage && (chunk.choices ?? []).length === 0) {
          usageChunk = chunk;
          continue;
        }
        const { usage: _usage, ...withoutUsage } = chunk;
        out.push(dataEvent(wantsUsage ? chunk : withoutUsage));
      }
      return out;
    },
    finish(_usage, charge) {
      // An extra `tollgate` member on the usage chunk: SDKs ignore it, people and agents can read it.
      const closing = wantsUsage && usageChunk ? [dataEvent({ ...usageChunk, tollgate: costFields(charge) })] : [];
      return [...closing, dataEvent(SSE_DONE)];
    },
    error: (message) => [dataEvent({ error: { message, type: "api_error", code: "response_interrupted", param: null } })],
  };
}

/** Anthropic's format, for /messages callers (the Anthropic SDK, Claude Code). */
export function anthropicStreamEncoder(model: string): StreamEncoder {
  const translator = openAIChunksToAnthropicEvents({ model });
  return {
    chunks: (chunks) => chunks.flatMap((chunk) => translator.push(chunk)).map(namedEvent),
    finish(usage, charge) {
      const events = translator
        .end(usage ?? undefined)
        .map((event) => (event.type === "message_delta" ? { ...event, tollgate: costFields(charge) } : event));
      return events.map(namedEvent);
    },
    error: (message) => [namedEvent({ type: "error", error: { type: "api_error", message } } as { type: string })],
  };
}
