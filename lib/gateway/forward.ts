// Sending a call to the upstream with undici: pooled keep-alive connections per connect timeout,
// the request body streamed through a byte counter that stops at the plan's limit, the response
// body handed back as a pull-based stream (nothing is read from the upstream faster than the
// caller takes it, so a slow client or upstream cannot pin unbounded memory). Upstreams on private,
// loopback or link-local addresses are refused at connect time (lib/net/guarded-lookup.ts).
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { connectPolicy, forbiddenDestinationIn, guardedLookup } from "@/lib/net/guarded-lookup";

type UpstreamCall = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
  maxRequestBytes: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  signal: AbortSignal;
};

export type UpstreamFailure = "unavailable" | "timeout" | "too_large" | "client_aborted" | "forbidden_destination";

type UpstreamOutcome =
  | { ok: true; status: number; headers: Dispatcher.ResponseData["headers"]; body: Dispatcher.ResponseData["body"]; bytesIn: () => number }
  | { ok: false; failure: UpstreamFailure; message: string; bytesIn: number };

const globalAgents = globalThis as typeof globalThis & { __tollgateAgents?: Map<string, Agent> };
const agents = (globalAgents.__tollgateAgents ??= new Map());

/**
 * One pool per connect timeout and policy: a guarded pool's sockets were all opened through
 * guardedLookup, and an open pool is used only for destinations allowed to be private.
 */
function agentFor(connectTimeoutMs: number, guarded: boolean): Agent {
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

/** Streams the caller's body, failing as soon as it passes `limit` bytes. */
async function* limitedBody(body: ReadableStream<Uint8Array>, limit: number, counted: { bytes: number }) {
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    counted.bytes += chunk.byteLength;
    if (counted.bytes > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
    yield chunk;
  }
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

function classify(error: unknown, signal: AbortSignal, counted: { bytes: number }, limit: number): UpstreamFailure {
  if (counted.bytes > limit || error instanceof BodyTooLarge) return "too_large";
  if (forbiddenDestinationIn(error)) return "forbidden_destination";
  if (signal.aborted) return "client_aborted";
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code && TIMEOUT_CODES.has(code) ? "timeout" : "unavailable";
}

export async function callUpstream(call: UpstreamCall): Promise<UpstreamOutcome> {
  const counted = { bytes: 0 };
  try {
    const policy = connectPolicy(call.url);
    if (typeof policy !== "string") throw policy; // an IP literal that is not public: nothing is sent
    const response = await undiciRequest(call.url, {
      method: call.method as Dispatcher.HttpMethod,
      headers: call.headers,
      body: call.body ? Readable.from(limitedBody(call.body, call.maxRequestBytes, counted), { objectMode: false }) : undefined,
      dispatcher: agentFor(call.connectTimeoutMs, policy === "guarded"),
      signal: call.signal,
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
    return { ok: true, status: response.statusCode, headers: response.headers, body: response.body, bytesIn: () => counted.bytes };
  } catch (error) {
    const failure = classify(error, call.signal, counted, call.maxRequestBytes);
    const message = (error as Error).message;
    return { ok: false, failure, message, bytesIn: counted.bytes };
  }
}

/** Drops an upstream body we will not relay, closing its connection. */
export function discardBody(body: Dispatcher.ResponseData["body"]): void {
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
export function decodedBody(
  body: Dispatcher.ResponseData["body"],
  contentEncoding: string | string[] | undefined,
): AsyncIterable<Buffer> & { destroy(): void } {
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

/**
 * The upstream body as a web stream for the Response. Pull-based with no buffer of its own;
 * `onEnd` runs exactly once with the bytes sent and whether the stream completed.
 */
export function relayBody(
  body: AsyncIterable<Buffer> & { destroy(): void },
  onEnd: (result: { bytesOut: number; completed: boolean; error?: string }) => void,
): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  let bytesOut = 0;
  let ended = false;
  const end = (completed: boolean, error?: string) => {
    if (ended) return;
    ended = true;
    onEnd({ bytesOut, completed, error });
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) {
            controller.close();
            end(true);
            return;
          }
          const chunk = value;
          bytesOut += chunk.byteLength;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        } catch (error) {
          controller.error(error);
          end(false, (error as Error).message);
        }
      },
      cancel() {
        // The caller went away: stop reading and close the upstream connection.
        body.destroy();
        end(false, "client closed the connection");
      },
    },
    { highWaterMark: 0 },
  );
}
