// A gateway instance in a process of its own, for crash tests: node:http mounting the REST gateway
// the way scripts/serve.ts does, and the AI gateway, with its heartbeat running. It tells the parent
// its port over IPC, and dies however the test kills it.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { serveGatewayNode } from "@/lib/gateway/node-adapter";
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";
import { startHeartbeat } from "@/lib/instances/heartbeat";
import { instanceId } from "@/lib/instances/instance-id";

async function serveAi(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = req.method === "POST" ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined;
  const request = new Request(`http://localhost${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body,
    duplex: "half",
  } as RequestInit);
  const response = await handleAiRequest(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) Readable.fromWeb(response.body as never).pipe(res);
  else res.end();
}

await startHeartbeat();
const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/api/ai/")) void serveAi(req, res);
  else void serveGatewayNode(req, res, "http://localhost");
});
server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as AddressInfo).port, instanceId: instanceId() });
});
