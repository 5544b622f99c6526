// The gateway on node:http (node-server.ts), without web Request/Response objects: node's request
// becomes an IncomingCall (its parsed headers read in place, the URL parsed once), and the answer is
// written straight to the ServerResponse: a refusal or a small body in one write with its length, a
// stream with node's own back-pressure (the upstream is read only as fast as the caller takes it).
// A caller who hangs up aborts the upstream request and stops the relay (watchCaller).
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerGatewayCall } from "@/lib/gateway/handle-gateway-request";
import { isRelayed, type CallHeaders, type GatewayAnswer, type IncomingCall, type RelayedBody } from "@/lib/gateway/gateway-answer";
import { methodMayHaveBody, relayTally } from "@/lib/gateway/forward";
import type { HeaderList } from "@/lib/gateway/headers";
import {
  answerOnNode,
  readNodeBody,
  requestBody,
  toWebRequest,
  writeWebBody,
  writeWebResponse,
  type NodeMountOptions,
  type Relay,
} from "@/lib/gateway/node-adapter";
import { clientFromNode } from "@/lib/http/client-address";

function joined(value: string | string[]): string {
  return typeof value === "string" ? value : value.join(", ");
}

/**
 * node's request as the gateway reads it; node has already lower-cased and combined its headers. One
 * object with its methods on the prototype, its own header reader too: no closures made per call.
 */
class NodeCall implements IncomingCall, CallHeaders {
  readonly method: string;
  readonly url: URL;
  readonly headers: CallHeaders = this;

  constructor(
    private readonly req: IncomingMessage,
    private readonly origin: string,
    readonly signal: AbortSignal,
  ) {
    this.method = req.method ?? "GET";
    this.url = new URL(origin + (req.url ?? "/"));
  }

  get(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : joined(value);
  }

  list(): HeaderList {
    const headers = this.req.headers;
    const list: HeaderList = [];
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) list.push([name, joined(value)]);
    }
    return list;
  }

  body(): ReadableStream<Uint8Array> | null {
    return methodMayHaveBody(this.method) ? requestBody(this.req) : null;
  }

  readBody(limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
    return methodMayHaveBody(this.method) ? readNodeBody(this.req, limit) : Promise.resolve({ bytes: new Uint8Array(), truncated: false });
  }

  request(): Request {
    return toWebRequest(this.req, this.origin, this.signal);
  }
}

export function callFromNode(req: IncomingMessage, origin: string, signal: AbortSignal): IncomingCall {
  return new NodeCall(req, origin, signal);
}

/** The host part of a mount's origin, parsed once per origin rather than once per call. */
const originHosts = new Map<string, string>();
function hostOf(origin: string): string {
  let host = originHosts.get(origin);
  if (host === undefined) originHosts.set(origin, (host = new URL(origin).host));
  return host;
}

export function serveGatewayNode(req: IncomingMessage, res: ServerResponse, origin: string, options: NodeMountOptions = {}): Promise<void> {
  return answerOnNode(res, options, async (signal, relay) => {
    // The socket's peer, or what a proxy listed in TRUSTED_PROXIES says about the caller.
    const client = clientFromNode(req, hostOf(origin));
    const answer = await answerGatewayCall(callFromNode(req, origin, signal), client, { requestBodyTimeouts: options.requestBodyTimeouts });
    await writeAnswer(answer, req, res, relay);
  });
}

/** A gateway's answer on node:http (the REST gateway's, the AI gateway's): whatever its body, written here. */
export async function writeAnswer(answer: GatewayAnswer, req: IncomingMessage, res: ServerResponse, relay: Relay): Promise<void> {
  if (answer instanceof Response) return writeWebResponse(answer, req, res, relay);
  const { status, headers, body } = answer;
  // The caller left while the answer was being prepared: nobody will read it (writeWebResponse).
  if (relay.closed || res.destroyed) {
    if (body instanceof ReadableStream) await body.cancel(relay.closedBy).catch((error: unknown) => void error);
    else if (isRelayed(body)) relayTally(body.onEnd).cancel(body.source, relay.closedBy);
    return;
  }
  // An answer before the whole request arrived: the rest is not read, so the connection cannot carry another request.
  if (!req.complete) headers.push(["connection", "close"]);
  if (body instanceof ReadableStream) {
    res.writeHead(status, headers);
    return writeWebBody(body, res, relay);
  }
  if (!isRelayed(body)) {
    if (body) headers.push(["content-length", String(body.byteLength)]);
    return void res.writeHead(status, headers).end(body ?? undefined);
  }
  res.writeHead(status, headers);
  return relayToNode(body, res, relay);
}

/**
 * The upstream's body to the caller, chunk by chunk as it arrives: paused while the socket's buffer
 * is full. A body the upstream breaks off ends the connection abruptly, so the caller never sees a
 * clean end of a truncated answer. Resolves once the response is over, however it ended.
 */
function relayToNode({ source, onEnd }: RelayedBody, res: ServerResponse, relay: Relay): Promise<void> {
  const tally = relayTally(onEnd);
  return new Promise<void>((resolve) => {
    const resume = () => source.resume();
    const over = () => {
      res.off("drain", resume);
      resolve();
    };
    source.on("data", (chunk: Buffer) => {
      tally.bytesOut += chunk.byteLength;
      if (!res.write(chunk)) source.pause();
    });
    res.on("drain", resume);
    source.once("end", () => {
      tally.end("completed");
      res.end();
      over();
    });
    // Also the error a source destroyed by cancel emits: the tally has already ended by then.
    source.on("error", (error: Error) => {
      tally.end("interrupted", error.message);
      res.destroy();
      over();
    });
    relay.cancel = (reason) => {
      tally.cancel(source, reason);
      over();
    };
  });
}
