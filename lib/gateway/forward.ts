// Sending a call to the upstream with undici: pooled keep-alive connections per connect timeout,
// the request body streamed through a byte counter that stops at the plan's limit, the response
// body handed back as a pull-based stream (nothing is read from the upstream faster than the
// caller takes it, so a slow client or upstream cannot pin unbounded memory). Upstreams on private,
// loopback or link-local addresses are refused at connect time (lib/net/guarded-lookup.ts).
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { connectPolicy, forbiddenDestinationIn, guardedLookup } from "@/lib/net/guarded-lookup";

/**
 * How long the gateway waits for a caller's streamed request body (README, "Timeouts"): `idleMs`
 * without a byte, or `totalMs` for all of it. Past either the call is a 408 and the connection closes.
 */
export type RequestBodyTimeouts = { idleMs: number; totalMs: number };

export const REQUEST_BODY_TIMEOUTS: RequestBodyTimeouts = { idleMs: 15_000, totalMs: 60_000 };

type UpstreamCall = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
  maxRequestBytes: number;
  requestBodyTimeouts: RequestBodyTimeouts;
  connectTimeoutMs: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** filled in for the metrics: when the request went upstream and when the answer's head came (performance.now()) */
  timing?: UpstreamTiming;
};

export type UpstreamTiming = { upstreamSentAt?: number; upstreamHeadAt?: number };

export type UpstreamFailure = "unavailable" | "timeout" | "too_large" | "client_aborted" | "client_timeout" | "forbidden_destination";

type UpstreamOutcome =
  | { ok: true; status: number; headers: Dispatcher.ResponseData["headers"]; body: Dispatcher.ResponseData["body"]; bytesIn: () => number }
  | { ok: false; failure: UpstreamFailure; message: string; bytesIn: number };

const globalAgents = globalThis as typeof globalThis & { __tollgateAgents?: Map<string, Agent> };
const agents = (globalAgents.__tollgateAgents ??= new Map());

/**
 * One pool per connect timeout and policy: a guarded pool's sockets were all opened through
 * guardedLookup, and an open pool is used only for destinations allowed to be private.
 */
export function agentFor(connectTimeoutMs: number, guarded: boolean): Agent {
  const key = `${guarded ? "guarded" : "open"}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    const connect = guarded ? { timeout: connectTimeoutMs, lookup: guardedLookup } : { timeout: connectTimeoutMs };
    agent = new Agent({ connect, keepAliveTimeout: 10_000, connections: 256 });
    agents.set(key, agent);
  }
  return agent;
}

/** GET and HEAD carry no body: reading one would make the server build a stream for nothing. */
export function methodMayHaveBody(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

class BodyTooLarge extends Error {}

/** What the caller's body did on its way through: bytes so far, and whether it came too slowly. */
type BodyProgress = { bytes: number; timedOut: boolean };

/**
 * Streams the caller's body, failing as soon as it passes `limit` bytes or stops arriving in time.
 * The clock runs only while the upstream waits for the caller: undici pulls only what the upstream
 * takes, so an upstream slow to read never counts against the caller.
 */
async function* limitedBody(body: ReadableStream<Uint8Array>, limit: number, timeouts: RequestBodyTimeouts, progress: BodyProgress) {
  const reader = body.getReader();
  const deadline = performance.now() + timeouts.totalMs;
  try {
    for (;;) {
      const { value, done } = await readWithin(reader, Math.min(timeouts.idleMs, deadline - performance.now()), progress);
      if (done) return;
      progress.bytes += value.byteLength;
      if (progress.bytes > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
      yield value;
    }
  } finally {
    // Stop reading the caller (the node mount keeps the connection for the answer); a stream that
    // already ended or failed has nothing to report here.
    reader.cancel().catch((error: unknown) => void error);
  }
}

function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number, progress: BodyProgress) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        progress.timedOut = true;
        reject(new Error(`the request body stopped arriving (after ${progress.bytes} bytes)`));
      },
      Math.max(ms, 0),
    );
  });
  return Promise.race([reader.read(), late]).finally(() => clearTimeout(timer));
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

function classify(error: unknown, signal: AbortSignal, progress: BodyProgress, limit: number): UpstreamFailure {
  if (progress.bytes > limit || error instanceof BodyTooLarge) return "too_large";
  if (progress.timedOut) return "client_timeout";
  if (forbiddenDestinationIn(error)) return "forbidden_destination";
  if (signal.aborted) return "client_aborted";
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code && TIMEOUT_CODES.has(code) ? "timeout" : "unavailable";
}

export async function callUpstream(call: UpstreamCall): Promise<UpstreamOutcome> {
  const progress: BodyProgress = { bytes: 0, timedOut: false };
  try {
    const policy = connectPolicy(call.url);
    if (typeof policy !== "string") throw policy; // an IP literal that is not public: nothing is sent
    const body = call.body && limitedBody(call.body, call.maxRequestBytes, call.requestBodyTimeouts, progress);
    if (call.timing) call.timing.upstreamSentAt = performance.now();
    const response = await undiciRequest(call.url, {
      method: call.method as Dispatcher.HttpMethod,
      headers: call.headers,
      body: body ? Readable.from(body, { objectMode: false }) : undefined,
      dispatcher: agentFor(call.connectTimeoutMs, policy === "guarded"),
      signal: call.signal,
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
    if (call.timing) call.timing.upstreamHeadAt = performance.now();
    return { ok: true, status: response.statusCode, headers: response.headers, body: response.body, bytesIn: () => progress.bytes };
  } catch (error) {
    const failure = classify(error, call.signal, progress, call.maxRequestBytes);
    const message = (error as Error).message;
    return { ok: false, failure, message, bytesIn: progress.bytes };
  }
}

/**
 * A whole upstream body, or why it did not come: the upstream reset or went silent before the
 * length it declared (a timeout when undici's body timeout fired), or the caller left meanwhile.
 */
export function readWholeBody(
  body: Dispatcher.ResponseData["body"],
  signal: AbortSignal,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; failure: UpstreamFailure; message: string }> {
  // Plain stream events: undici's arrayBuffer() costs several promises and a copy per call.
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.once("end", () => resolve({ ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
    body.once("error", (error) =>
      resolve({ ok: false, failure: classify(error, signal, { bytes: 0, timedOut: false }, Infinity), message: error.message }),
    );
  });
}

/** Drops an upstream body we will not relay, closing its connection. */
export function discardBody(body: Readable): void {
  // Destroying emits the expected "aborted" error; nobody is reading it any more.
  body.on("error", (error) => void error);
  body.destroy();
}

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: () => zlib.createGunzip(),
  "x-gzip": () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** Whether relayBody can decode this Content-Encoding (absent and identity need nothing). */
export function canDecode(contentEncoding: string | string[] | undefined): boolean {
  const encoding = String(contentEncoding ?? "identity")
    .trim()
    .toLowerCase();
  return encoding === "identity" || encoding === "" || encoding in DECODERS;
}

/** The upstream body without its Content-Encoding (the server compresses for the caller itself). */
export function decodedBody(body: Dispatcher.ResponseData["body"], contentEncoding: string | string[] | undefined): Readable {
  const encoding = String(contentEncoding ?? "identity")
    .trim()
    .toLowerCase();
  const decoder = DECODERS[encoding];
  if (!decoder) return body;
  const decoded = body.pipe(decoder()) as unknown as Readable;
  decoded.on("close", () => body.destroy());
  body.on("error", (error) => decoded.destroy(error));
  return decoded;
}

/** How a relayed body ended: all of it, broken off (the upstream reset or went silent, or our shutdown cut it), or the caller left. */
export type RelayEnding = "completed" | "interrupted" | "cancelled";

/** The reason a mount cancels a relayed body with when the server, not the caller, ends the response (a drain past its grace). */
export class ServerStopping extends Error {}

type RelayEnd = (result: { bytesOut: number; ending: RelayEnding; error?: string }) => void;

/** A relayed body's bytes so far, and how it ended, told `onEnd` once: the same for the web and the node mount. */
export function relayTally(onEnd: RelayEnd) {
  const tally = {
    bytesOut: 0,
    ended: false,
    end(ending: RelayEnding, error?: string) {
      if (tally.ended) return;
      tally.ended = true;
      onEnd({ bytesOut: tally.bytesOut, ending, error });
    },
    /** The caller went away (or the server is cutting the response): stop reading and close the upstream connection. */
    cancel(body: Readable, reason: unknown) {
      discardBody(body);
      if (reason instanceof ServerStopping) tally.end("interrupted", reason.message);
      else tally.end("cancelled", "client closed the connection");
    },
  };
  return tally;
}

/**
 * The upstream body as a web stream for the Response. Pull-based with no buffer of its own;
 * `onEnd` runs exactly once with the bytes sent and how the stream ended. A body the upstream
 * breaks off errors the stream, so the caller never sees a clean end of a truncated answer.
 */
export function relayBody(body: Readable, onEnd: RelayEnd): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  const tally = relayTally(onEnd);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) {
            controller.close();
            tally.end("completed");
            return;
          }
          const chunk = value as Buffer;
          tally.bytesOut += chunk.byteLength;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        } catch (error) {
          controller.error(error);
          tally.end("interrupted", (error as Error).message);
        }
      },
      cancel(reason) {
        tally.cancel(body, reason);
      },
    },
    { highWaterMark: 0 },
  );
}
