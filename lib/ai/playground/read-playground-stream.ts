// Reads the playground's answer stream (OpenAI chunks from the AI gateway) into what the page shows:
// text as it arrives, why the answer stopped, the final usage with its cost, or an error mid-stream.
// Runs in the browser (no server imports) and in tests.
import { createSseParser, SSE_DONE, type SseRecord } from "@/lib/ai/sse";

export type PlaygroundUsage = { inputTokens: number; cachedInputTokens: number; outputTokens: number };

export type PlaygroundEvent =
  | { type: "text"; text: string }
  | { type: "finish"; reason: string }
  /** `charged` and `balance` are decimal amounts as the gateway states them ("0.0012") */
  | { type: "usage"; usage: PlaygroundUsage; charged: string | null; balance: string | null }
  | { type: "error"; message: string; code: string | null }
  | { type: "done" };

type Chunk = {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null } | null;
  tollgate?: { charged?: string; balance?: string | null };
  error?: { message?: string; code?: string | null };
};

function eventsOf(record: SseRecord): PlaygroundEvent[] {
  if (record.data === SSE_DONE) return [{ type: "done" }];
  let chunk: Chunk;
  try {
    chunk = JSON.parse(record.data) as Chunk;
  } catch {
    return [];
  }
  if (chunk.error) return [{ type: "error", message: chunk.error.message ?? "The answer broke off.", code: chunk.error.code ?? null }];
  const events: PlaygroundEvent[] = [];
  for (const choice of chunk.choices ?? []) {
    if (choice.delta?.content) events.push({ type: "text", text: choice.delta.content });
    if (choice.finish_reason) events.push({ type: "finish", reason: choice.finish_reason });
  }
  if (chunk.usage) {
    events.push({
      type: "usage",
      usage: {
        inputTokens: chunk.usage.prompt_tokens ?? 0,
        cachedInputTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
        outputTokens: chunk.usage.completion_tokens ?? 0,
      },
      charged: chunk.tollgate?.charged ?? null,
      balance: chunk.tollgate?.balance ?? null,
    });
  }
  return events;
}

/** The stream's events in order; ends when the body does (a `done` event only if the gateway sent [DONE]). */
export async function* readPlaygroundStream(body: ReadableStream<Uint8Array>): AsyncGenerator<PlaygroundEvent> {
  const parser = createSseParser();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const records = done ? parser.end() : parser.push(value);
      for (const record of records) yield* eventsOf(record);
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
