// The gateway mounted straight on node:http, in front of Next.js (scripts/serve.ts). Same hot path
// as the route handler (handleGatewayRequest), without the framework's routing and rendering
// pipeline: the lean mount docs/architecture.md describes. Streams both ways with backpressure; a caller
// hanging up aborts the upstream request and stops the response stream.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { methodMayHaveBody } from "@/lib/gateway/forward";
import { clientFromNode } from "@/lib/http/client-address";

export const GATEWAY_PATH_PREFIX = "/api/gateway/";

function toWebRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const method = req.method ?? "GET";
  const hasBody = methodMayHaveBody(method);
  return new Request(origin + (req.url ?? "/"), {
    method,
    headers,
    signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: [string, string][] = [];
  for (const pair of response.headers) headers.push(pair);
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  // The caller left: stop pulling from the upstream. A cancel of a finished stream has nothing to report.
  res.on("close", () => void reader.cancel().catch((error) => void error));
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
    if (res.destroyed) return;
  }
  res.end();
}

export async function serveGatewayNode(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  try {
    const request = toWebRequest(req, origin, controller.signal);
    // The socket's peer, or what a proxy listed in TRUSTED_PROXIES says about the caller.
    const response = await handleGatewayRequest(request, clientFromNode(req, new URL(origin).host));
    await writeWebResponse(response, res);
  } catch (error) {
    console.error("[gateway] could not write a response:", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
    else res.destroy();
  }
}
