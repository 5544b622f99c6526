// One request to the fake AI provider and its answer: what the tests read afterwards (the record) and
// the writers that answer it, with the behaviour's delays, breaks and in-band errors.
import type http from "node:http";
import type { TokenUsage } from "@/lib/ai/types";
import type { PlannedAnswer } from "@/lib/demo/ai-answer";
import type { FakeBehaviour } from "./behaviour";

export type FakeAiRequest = {
  method: string;
  /** raw path + query as received */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** the body parsed as JSON, or null */
  json: unknown;
  format: "openai" | "anthropic" | null;
  behaviour: FakeBehaviour | null;
  /** the whole answer the fake means to give (text or tool call), null for errors and non-chat requests */
  answer: PlannedAnswer | null;
  /** the usage the whole answer has (what the fake reports unless told to omit it or cut off first) */
  planned: TokenUsage | null;
  /** the usage the fake put on the wire, null while (or when) it has not */
  reported: TokenUsage | null;
  /** the answer's text (or tool arguments) the fake has written so far */
  delivered: string;
  /** the answer was written to its end */
  completed: boolean;
  /** the client went away before the answer finished */
  aborted: boolean;
};

export type Exchange = {
  res: http.ServerResponse;
  record: FakeAiRequest;
  behaviour: FakeBehaviour;
  onClose: (cleanup: () => void) => void;
};

/** One stream event as written, what answer text it delivers, and the usage it reports. */
export type StreamEvent = { text: string; delivered?: string; usage?: TokenUsage | null };

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers }).end(text);
}

/** Resolves after `ms`, or early with false when the client has gone. */
function pause({ res, onClose }: Exchange, ms: number): Promise<boolean> {
  if (ms === 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!res.destroyed), ms);
    onClose(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/** A reset right after the last write: the bytes already written still leave first. */
function breakConnection({ res, onClose }: Exchange) {
  const timer = setTimeout(() => res.socket?.resetAndDestroy(), 20);
  onClose(() => clearTimeout(timer));
}

/** A non-streamed answer, or half of it and a reset under `error-mid-stream`. */
export async function sendAnswer(exchange: Exchange, body: unknown, delivered: string, usage: TokenUsage | null) {
  const { res, record, behaviour } = exchange;
  if (!(await pause(exchange, behaviour.delayMs))) return;
  if (behaviour.errorMidStream === null) {
    sendJson(res, 200, body);
    Object.assign(record, { delivered, reported: usage, completed: true });
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.write(text.slice(0, Math.floor(text.length / 2)));
  breakConnection(exchange);
}

/**
 * A server-sent event stream, `delay-ms` apart; under `error-mid-stream:K` the connection is reset
 * after K events, under `error-event:K` the provider's in-band `errorEvent` follows the K-th, under
 * `stall-after:K` the stream stays open after the K-th with nothing more written.
 */
export async function sendStream(exchange: Exchange, events: readonly StreamEvent[], errorEvent: string) {
  const { res, record, behaviour } = exchange;
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  res.flushHeaders(); // the client sees the stream open before the first event
  for (const [index, event] of events.entries()) {
    if (behaviour.errorMidStream === index) return breakConnection(exchange);
    if (behaviour.errorEvent === index) return void res.end(errorEvent);
    if (behaviour.stallAfter === index) return;
    if (index > 0 && !(await pause(exchange, behaviour.delayMs))) return;
    if (res.destroyed) return;
    res.write(event.text);
    record.delivered += event.delivered ?? "";
    if (event.usage) record.reported = event.usage;
  }
  res.end();
  record.completed = true;
}
