// A streamed chat answer, relayed chunk by chunk as it arrives (pull-based: a slow caller holds the
// provider back, nothing piles up in memory). On the way: the model id becomes the public one, the
// output delivered is counted, and the provider's cumulative usage is kept (the last report wins).
// The call settles exactly once, at the first of: the provider's end ([DONE]), a provider failure
// mid-stream (an OpenAI-format error event goes to the caller; charged for what was delivered, as
// PARTIAL), or the caller leaving (the provider request is aborted; PARTIAL as well). Tollgate always
// asks for usage; the final usage chunk reaches the caller only if it asked, with the call's cost.
import type { ChatCompletionRequest } from "@/lib/ai/openai/chat-request";
import type { ChatCompletionChunk } from "@/lib/ai/openai/chat-response";
import { createSseParser, SSE_DONE } from "@/lib/ai/sse";
import { usageFromOpenAI } from "@/lib/ai/translate/usage";
import { countTextTokens } from "@/lib/ai/tokens";
import { gatewayAmount } from "@/lib/money";
import type { TokenUsage, UsageSource } from "@/lib/ai/types";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import type { ProviderAnswer } from "@/lib/ai/gateway/call-provider";
import { finishAiCall, type AiCallTiming, type AiCharge } from "@/lib/ai/gateway/finish-ai-call";
import { aiAnswerHeaders, type AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { providerChunks } from "@/lib/ai/gateway/provider-chunks";
import type { ChatCompletionChunk as Chunk } from "@/lib/ai/openai/chat-response";

export type StreamRelay = {
  body: ChatCompletionRequest;
  call: AiCall;
  answer: ProviderAnswer;
  timing: AiCallTiming;
  context: AiRequestContext;
  bytesIn: number;
  estimatedInputTokens: number;
};

const encoder = new TextEncoder();
const event = (data: unknown) => encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);

export function relayChatStream(relay: StreamRelay): Response {
  const { body, call, answer, timing, context, bytesIn, estimatedInputTokens } = relay;
  const wantsUsage = body.stream_options?.include_usage === true;
  const parser = createSseParser();
  const chunksOf = providerChunks(answer.deployment.provider.kind, call.model.publicId);
  const upstream = answer.body[Symbol.asyncIterator]();
  let providerUsage: TokenUsage | null = null;
  let delivered = "";
  let bytesOut = 0;
  let usageChunk: ChatCompletionChunk | null = null;
  let settled: Promise<AiCharge> | null = null;

  const deliveredUsage = (): TokenUsage => ({
    inputTokens: estimatedInputTokens,
    cachedInputTokens: 0,
    outputTokens: countTextTokens(delivered),
  });
  const settle = (status: number, source: UsageSource, errorCode?: string) => {
    const usage = source === "PROVIDER" ? providerUsage : delivered === "" ? null : deliveredUsage();
    return (settled ??= finishAiCall(call, timing, { status, errorCode, usage, source, bytesIn, bytesOut }));
  };
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, bytes: Uint8Array) => {
    bytesOut += bytes.byteLength;
    controller.enqueue(bytes);
  };

  /** The provider's end: settle from its usage (or our count), then the usage chunk if asked, then [DONE]. */
  const complete = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const charge = await settle(200, providerUsage ? "PROVIDER" : "COUNTED");
    if (wantsUsage && usageChunk) {
      const tollgate = {
        charged: gatewayAmount(charge.charged),
        balance: charge.balanceAfter === null ? null : gatewayAmount(charge.balanceAfter),
      };
      send(controller, event({ ...usageChunk, tollgate }));
    }
    send(controller, event(SSE_DONE));
    controller.close();
  };

  const fail = async (controller: ReadableStreamDefaultController<Uint8Array>, message: string) => {
    await settle(502, "PARTIAL", "response_interrupted");
    send(controller, event({ error: { message, type: "api_error", code: "response_interrupted", param: null } }));
    controller.close();
  };

  /** Relays chunks; returns whether any reached the caller. */
  const relayChunks = (controller: ReadableStreamDefaultController<Uint8Array>, chunks: Chunk[]): boolean => {
    let sent = false;
    for (const chunk of chunks) {
      if (chunk.usage) providerUsage = usageFromOpenAI(chunk.usage);
      for (const choice of chunk.choices ?? []) {
        delivered += choice.delta?.content ?? "";
        for (const toolCall of choice.delta?.tool_calls ?? []) delivered += toolCall.function?.arguments ?? "";
      }
      if (chunk.usage && (chunk.choices ?? []).length === 0) {
        usageChunk = chunk; // sent after the settle, with the cost, if the caller asked
        continue;
      }
      const { usage: _usage, ...withoutUsage } = chunk;
      send(controller, event(wantsUsage ? chunk : withoutUsage));
      sent = true;
    }
    return sent;
  };

  /** The provider finished: closing chunks, then the settle; without any usage the answer was cut short. */
  const finishStream = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    relayChunks(controller, chunksOf.end());
    if (providerUsage || delivered !== "") return complete(controller);
    return fail(controller, "The provider ended the answer without any output.");
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await upstream.next();
        } catch (error) {
          if (context.signal.aborted) return;
          return fail(
            controller,
            `The provider broke off the answer: ${(error as Error).message}. You were charged only for what was delivered.`,
          );
        }
        let sent = false;
        for (const record of next.done ? parser.end() : parser.push(next.value)) {
          if (record.data === SSE_DONE) return finishStream(controller);
          const { chunks, error } = chunksOf.push(record);
          if (error)
            return fail(controller, `The provider reported an error mid-answer: ${error}. You were charged only for what was delivered.`);
          sent = relayChunks(controller, chunks) || sent;
        }
        if (next.done) return finishStream(controller);
        if (sent) return;
      }
    },
    async cancel() {
      // The caller left: stop the provider, pay for what was delivered.
      await upstream.return?.();
      await settle(499, "PARTIAL", "client_closed_request");
    },
  });
  return new Response(stream, { status: 200, headers: aiAnswerHeaders(call, context, null, "text/event-stream; charset=utf-8") });
}
