// A streamed chat answer, relayed chunk by chunk as it arrives (pull-based: a slow caller holds the
// provider back, nothing piles up in memory). On the way: the model id becomes the public one, the
// output delivered is counted, and the provider's cumulative usage is kept (the last report wins).
// The call settles exactly once, at the first of: the provider's end ([DONE]), a provider failure
// mid-stream (an OpenAI-format error event goes to the caller; charged for what was delivered, as
// PARTIAL), or the caller leaving (the provider request is aborted; PARTIAL as well). What the
// caller reads is the encoder's business (stream-encoders.ts: OpenAI chunks or Anthropic events).
import type { ChatCompletionChunk } from "@/lib/ai/openai/chat-response";
import { createSseParser, SSE_DONE } from "@/lib/ai/sse";
import { usageFromOpenAI } from "@/lib/ai/translate/usage";
import { countTextTokens } from "@/lib/ai/tokens";
import type { TokenUsage, UsageSource } from "@/lib/ai/types";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import type { ProviderAnswer } from "@/lib/ai/gateway/call-provider";
import { finishAiCall, type AiCallTiming, type AiCharge } from "@/lib/ai/gateway/finish-ai-call";
import { aiAnswerHeaders, type AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { providerChunks } from "@/lib/ai/gateway/provider-chunks";
import type { StreamEncoder } from "@/lib/ai/gateway/stream-encoders";
import type { PlainAnswer } from "@/lib/gateway/gateway-answer";

export type StreamRelay = {
  call: AiCall;
  answer: ProviderAnswer;
  timing: AiCallTiming;
  context: AiRequestContext;
  bytesIn: number;
  estimatedInputTokens: number;
  /** the caller's format */
  encoder: StreamEncoder;
};

/** The answer's body is the stream itself (node:http writes it with back-pressure; a Response takes it as it is). */
export function relayChatStream(relay: StreamRelay): PlainAnswer {
  const { call, answer, timing, context, bytesIn, estimatedInputTokens, encoder } = relay;
  const parser = createSseParser();
  const chunksOf = providerChunks(answer.deployment.provider.kind, call.model.publicId);
  const upstream = answer.body[Symbol.asyncIterator]();
  let providerUsage: TokenUsage | null = null;
  let delivered = "";
  let bytesOut = 0;
  let settled: Promise<AiCharge> | null = null;

  const deliveredUsage = (): TokenUsage => ({
    inputTokens: estimatedInputTokens,
    cachedInputTokens: 0,
    outputTokens: countTextTokens(delivered),
  });
  const usageFor = (source: UsageSource) => (source === "PROVIDER" ? providerUsage : delivered === "" ? null : deliveredUsage());
  const settle = (status: number, source: UsageSource, errorCode?: string) =>
    (settled ??= finishAiCall(call, timing, { status, errorCode, usage: usageFor(source), source, bytesIn, bytesOut }));
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, events: Uint8Array[]) => {
    for (const bytes of events) {
      bytesOut += bytes.byteLength;
      controller.enqueue(bytes);
    }
    return events.length > 0;
  };

  /** Notes usage and delivered output, then hands the chunks to the caller's encoder. */
  const relayChunks = (controller: ReadableStreamDefaultController<Uint8Array>, chunks: ChatCompletionChunk[]): boolean => {
    for (const chunk of chunks) {
      if (chunk.usage) providerUsage = usageFromOpenAI(chunk.usage);
      for (const choice of chunk.choices ?? []) {
        delivered += choice.delta?.content ?? "";
        for (const toolCall of choice.delta?.tool_calls ?? []) delivered += toolCall.function?.arguments ?? "";
      }
    }
    return send(controller, encoder.chunks(chunks));
  };

  /** The provider finished: its closing chunks, the settle (its usage, or our count), the closing events. */
  const finishStream = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    relayChunks(controller, chunksOf.end());
    if (!providerUsage && delivered === "") return fail(controller, "The provider ended the answer without any output.");
    const source = providerUsage ? "PROVIDER" : "COUNTED";
    const charge = await settle(200, source);
    send(controller, encoder.finish(usageFor(source), charge));
    controller.close();
  };

  const fail = async (controller: ReadableStreamDefaultController<Uint8Array>, message: string) => {
    await settle(502, "PARTIAL", "response_interrupted");
    send(controller, encoder.error(message));
    controller.close();
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
  return { status: 200, headers: aiAnswerHeaders(call, context, null, "text/event-stream; charset=utf-8"), body: stream };
}
