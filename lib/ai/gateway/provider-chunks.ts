// A provider's stream records as OpenAI chunks, whatever the provider speaks: OpenAI-compatible
// chunks pass (with the public model id), Anthropic events go through the stream translator, whose
// closing usage chunk comes at `end`. An error record mid-stream comes back as `error` (its message
// only, cut short).
import type { AiProviderKind } from "@/lib/db";
import type { SseRecord } from "@/lib/ai/sse";
import { chatCompletionChunkSchema, type ChatCompletionChunk } from "@/lib/ai/openai/chat-response";
import { anthropicStreamEventSchema } from "@/lib/ai/anthropic/stream-events";
import { anthropicEventsToOpenAIChunks } from "@/lib/ai/translate/anthropic-events-to-openai-chunks";

export type ProviderChunks = {
  push(record: SseRecord): { chunks: ChatCompletionChunk[]; error?: string };
  /** The provider finished normally: whatever closes the stream (Anthropic: the usage chunk). */
  end(): ChatCompletionChunk[];
};

function errorMessage(value: unknown): string | undefined {
  const error = (value as { error?: { message?: unknown } | string } | null)?.error;
  if (error === undefined || error === null) return undefined;
  const message = typeof error === "string" ? error : error.message;
  return typeof message === "string" ? message.slice(0, 500) : "unknown error";
}

export function providerChunks(kind: AiProviderKind, publicModel: string): ProviderChunks {
  if (kind === "ANTHROPIC") {
    const translator = anthropicEventsToOpenAIChunks({ model: publicModel, includeUsage: true });
    return {
      push(record) {
        const json: unknown = JSON.parse(record.data);
        if ((json as { type?: string }).type === "error") return { chunks: [], error: errorMessage(json) ?? "unknown error" };
        const parsed = anthropicStreamEventSchema.safeParse(json);
        if (!parsed.success || parsed.data.type === "error") return { chunks: [] };
        return { chunks: translator.push(parsed.data) };
      },
      end: () => translator.end(),
    };
  }
  return {
    push(record) {
      const json: unknown = JSON.parse(record.data);
      const error = errorMessage(json);
      if (error) return { chunks: [], error };
      return { chunks: [{ ...chatCompletionChunkSchema.parse(json), model: publicModel }] };
    },
    end: () => [],
  };
}
