// Framework-free web handlers (MCP, readiness) mounted straight on node:http, in front of Next.js
// (lib/gateway/node-server.ts): a web Request in, a web Response out, without the framework's routing
// and rendering pipeline. The REST and AI gateways skip even these conversions (node-call.ts) and use
// the parts here for what they still share: the caller's body as a web stream or read whole, the
// watch on a caller who hangs up (which aborts the upstream request and stops the response stream),
// a web stream written with backpressure.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServerStopping, methodMayHaveBody, type RequestBodyTimeouts } from "@/lib/gateway/forward";
import { moduleLogger } from "@/lib/log/logger";

export const GATEWAY_PATH_PREFIX = "/api/gateway/";

const log = moduleLogger("gateway");

/**
 * The caller's body as a pull-based web stream. Unlike Readable.toWeb, cancelling it (a body over the
 * plan's limit, or one that stopped arriving) leaves the socket open for the answer; the answer then
 * closes the connection (writeWebResponse), and what the caller still sends is discarded meanwhile.
 */
export function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  const stop = () => {
    open = false;
    req.removeListener("data", onData);
    req.resume();
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        req.on("data", onData);
        req.once("end", () => {
          if (open) controller.close();
          stop();
        });
        // The caller hung up mid-body: the upstream request fails, and the abort says why.
        req.once("error", (error) => {
          if (open) controller.error(error);
          stop();
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/**
 * The caller's whole body up to `limit` bytes, read from node's request in place (no web stream), with
 * readLimited's result. Past the limit it stops keeping bytes and discards the rest as it comes, as
 * requestBody does on a cancel; the answer then closes the connection. Rejects when the caller hangs
 * up before the body ended.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (req.readableEnded) return Promise.resolve({ bytes: new Uint8Array(), truncated: false });
  // Listeners passed inline and left on the request (it is this call's alone, and `settled` makes
  // them inert once the body is read): no named closures made per call.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      if (settled) return; // past the limit: discarded as it comes
      if (chunk.byteLength <= limit - size) {
        size += chunk.byteLength;
        return void chunks.push(chunk);
      }
      chunks.push(chunk.subarray(0, limit - size));
      settled = true;
      resolve({ bytes: Buffer.concat(chunks, limit), truncated: true });
    });
    req.once("end", () => {
      if (settled) return;
      settled = true;
      resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), truncated: false });
    });
    req.once("error", (error: Error) => {
      if (!settled) reject(error);
      settled = true;
    });
    req.once("close", () => {
      if (!settled) reject(new Error("the caller hung up before the request body ended"));
      settled = true;
    });
  });
}

export function toWebRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const method = req.method ?? "GET";
  const hasBody = methodMayHaveBody(method);
  return new Request(origin + (req.url ?? "/"), {
    method,
    headers,
    signal,
    body: hasBody ? requestBody(req) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

export type Relay = {
  cancel?: (reason?: unknown) => void;
  /** the response closed before it finished; `closedBy` says who ended it (undefined: the caller) */
  closed?: boolean;
  closedBy?: unknown;
};

/** Until the caller has room for more, or has gone: never waits on a response that already closed. */
function writable(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

export async function writeWebResponse(response: Response, req: IncomingMessage, res: ServerResponse, relay: Relay): Promise<void> {
  const headers: [string, string][] = [];
  for (const pair of response.headers) headers.push(pair);
  // An answer before the whole request arrived (a refusal, a body too large or too slow): the rest
  // of the request is not read, so the connection cannot carry another one.
  if (!req.complete) headers.push(["connection", "close"]);
  // The caller left while the answer was being prepared: nobody will read it. Its body is cancelled
  // (a stream's relay settles on cancel) and the call is over; writing would wait for a drain that
  // never comes, and the drain on SIGTERM with it.
  if (relay.closed || res.destroyed) return void (await response.body?.cancel(relay.closedBy).catch((error: unknown) => void error));
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  return writeWebBody(response.body, res, relay);
}

/**
 * A web stream to the caller after its head went out, read only as fast as the socket takes it; the
 * caller leaving cancels it (relay.cancel, watchCaller).
 */
export async function writeWebBody(body: ReadableStream<Uint8Array>, res: ServerResponse, relay: Relay): Promise<void> {
  const reader = body.getReader();
  // A cancel of a finished stream has nothing to report.
  relay.cancel = (reason) => void reader.cancel(reason).catch((error: unknown) => void error);
  for (;;) {
    // The upstream broke the body off (the gateway has logged and recorded it): end the connection
    // abruptly, so the caller sees a truncated body and never a clean end.
    const next = await reader.read().catch((error: unknown) => ({ broken: error }));
    if ("broken" in next) return void res.destroy();
    if (next.done) break;
    if (!res.write(next.value)) await writable(res);
    if (res.destroyed) return;
  }
  res.end();
}

export type NodeMountOptions = {
  requestBodyTimeouts?: RequestBodyTimeouts;
  /** whether the server is draining (node-server.ts): a response it cuts then was not cut by the caller */
  stopping?: () => boolean;
};

/** A framework-free web handler (MCP, readiness) served on node:http: a Request in, a Response out. */
export type WebHandler = (request: Request, req: IncomingMessage) => Promise<Response>;

/** A handler that answers on node:http itself (the REST gateway, the AI gateway): no web objects on its way. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, origin: string, options: NodeMountOptions) => Promise<void>;

/**
 * Watches for a response that closes before it finished (the caller hung up, or a drain cut it): the
 * relay stops pulling from the upstream, saying who ended the response, before the abort of `signal`
 * reaches undici.
 */
function watchCaller(res: ServerResponse, options: NodeMountOptions): { signal: AbortSignal; relay: Relay } {
  const controller = new AbortController();
  const relay: Relay = {};
  res.on("close", () => {
    if (res.writableFinished) return;
    relay.closed = true;
    relay.closedBy = options.stopping?.() ? new ServerStopping("the server stopped before the response finished") : undefined;
    relay.cancel?.(relay.closedBy);
    controller.abort();
  });
  return { signal: controller.signal, relay };
}

/**
 * Runs `answer` with the watch on the caller (watchCaller); a failure of ours while answering is a
 * bare 500 if nothing went out yet, else the connection is cut.
 */
export async function answerOnNode(
  res: ServerResponse,
  options: NodeMountOptions,
  answer: (signal: AbortSignal, relay: Relay) => Promise<void>,
): Promise<void> {
  const { signal, relay } = watchCaller(res, options);
  try {
    await answer(signal, relay);
  } catch (error) {
    log.error({ err: error }, "could not write a response");
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
    else res.destroy();
  }
}

export async function serveWebHandlerNode(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  handler: WebHandler,
  options: NodeMountOptions = {},
): Promise<void> {
  return answerOnNode(res, options, async (signal, relay) => {
    const response = await handler(toWebRequest(req, origin, signal), req);
    await writeWebResponse(response, req, res, relay);
  });
}
