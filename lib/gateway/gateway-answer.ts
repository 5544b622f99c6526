// A gateway call as neither web server sees it: what came in (IncomingCall) and what goes back
// (GatewayAnswer). The node mount (node-call.ts) builds the first from node:http's request and writes
// the second straight to the socket; the web mount (the Next.js route handler, try-it, MCP) builds
// them from a web Request and turns the answer into a Response. So the production path never builds
// a web Request, Headers or Response, and both mounts share every check and every money step.
import type { Readable } from "node:stream";
import { relayBody, type RelayEnding } from "@/lib/gateway/forward";
import type { HeaderList } from "@/lib/gateway/headers";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { problemBody, problemHeaders } from "@/lib/http/problem";
import { readLimited } from "@/lib/http/read-limited";

/** The caller's headers, names in lower case; `list` is built when the checks get that far (admitCall reads it once). */
export type CallHeaders = { list(): HeaderList; get(name: string): string | null };

export type IncomingCall = {
  method: string;
  /** the request URL as received, parsed once */
  url: URL;
  headers: CallHeaders;
  signal: AbortSignal;
  /** the caller's body, for a method that may have one (the forward reads it once) */
  body(): ReadableStream<Uint8Array> | null;
  /** the caller's body read whole, up to `limit` bytes (readLimited's result), for a handler that needs all of it (the AI gateway's JSON); instead of body() */
  readBody(limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }>;
  /** the call as a web Request, for a handler that takes one (a Prompt API's); instead of body(), never with it */
  request(): Request;
};

export type RelayResult = { bytesOut: number; ending: RelayEnding; error?: string };

/** The upstream's body still to be relayed; `onEnd` runs once, with the bytes sent and how it ended. */
export type RelayedBody = { source: Readable; onEnd: (result: RelayResult) => void };

/** A body our own code produces as it goes (the AI gateway's server-sent events): pull-based, cancelled when the caller leaves. */
export type ProducedBody = ReadableStream<Uint8Array>;

/**
 * The headers as a list: a repeated field (Set-Cookie above all) stays one line per value on node:http.
 * Bytes go out in one write with their length.
 */
export type PlainAnswer = { status: number; headers: HeaderList; body: Uint8Array | RelayedBody | ProducedBody | null };

/** A Response is what a handler installed for an API kind answers (api-kind-handlers.ts). */
export type GatewayAnswer = PlainAnswer | Response;

export function isRelayed(body: PlainAnswer["body"]): body is RelayedBody {
  return body !== null && !(body instanceof Uint8Array) && !(body instanceof ReadableStream);
}

/** A refusal as problem+json (lib/http/problem.ts), the same body and headers as problemResponse. */
export function problemAnswer(
  code: ErrorCode,
  detail: string,
  requestId: string,
  options: { extra?: Record<string, unknown>; headers?: Record<string, string> },
): PlainAnswer {
  const body = Buffer.from(JSON.stringify(problemBody(code, detail, requestId, options.extra)));
  return { status: ERROR_STATUS[code], headers: Object.entries({ ...options.headers, ...problemHeaders(requestId) }), body };
}

/** The web mount's side: a web Request as an IncomingCall. */
export function callFromRequest(request: Request): IncomingCall {
  return {
    method: request.method,
    url: new URL(request.url),
    headers: { list: () => Array.from(request.headers), get: (name) => request.headers.get(name) },
    signal: request.signal,
    body: () => request.body,
    readBody: (limit) => readLimited(request.body, limit),
    request: () => request,
  };
}

/** The web mount's side: the answer as a Response (a relayed body becomes a pull-based stream; a produced one goes as it is). */
export function answerResponse(answer: GatewayAnswer): Response {
  if (answer instanceof Response) return answer;
  const { status, headers, body } = answer;
  // Node's Buffers are typed over ArrayBufferLike; a Response takes them as they are.
  return new Response((isRelayed(body) ? relayBody(body.source, body.onEnd) : body) as BodyInit | null, { status, headers });
}
