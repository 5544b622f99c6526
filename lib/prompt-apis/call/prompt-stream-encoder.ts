// How a streamed Prompt API answer reads (Accept: text/event-stream): `delta` events with the text
// as it arrives, then `done` with the model, the tokens and the cost once the call is settled, or
// `error` when the model broke off (charged only for what was delivered, as on the AI gateway).
import type { StreamEncoder } from "@/lib/ai/gateway/stream-encoders";
import type { TokenUsage } from "@/lib/ai/types";
import type { AiCharge } from "@/lib/ai/gateway/finish-ai-call";
import { gatewayAmount } from "@/lib/money";

const encoder = new TextEncoder();
export const sseEvent = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

const NO_USAGE: TokenUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };

/** The closing event of every Prompt API stream (the structured one too). */
export function doneEvent(model: string, usage: TokenUsage | null, charge: AiCharge): Uint8Array {
  return sseEvent("done", {
    model,
    usage: usage ?? NO_USAGE,
    charged: gatewayAmount(charge.charged),
    balance: charge.balanceAfter === null ? null : gatewayAmount(charge.balanceAfter),
  });
}

export function promptStreamEncoder(model: string): StreamEncoder {
  return {
    chunks(chunks) {
      const out: Uint8Array[] = [];
      for (const chunk of chunks) {
        const text = (chunk.choices ?? []).map((choice) => choice.delta?.content ?? "").join("");
        if (text) out.push(sseEvent("delta", { text }));
      }
      return out;
    },
    finish: (usage, charge) => [doneEvent(model, usage, charge)],
    error: (message) => [sseEvent("error", { code: "response_interrupted", message })],
  };
}
