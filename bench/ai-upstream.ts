// The AI bench's provider: the app's own demo model (lib/demo/ai-upstream.ts) on a bare node:http
// server in a process of its own, so "direct" figures measure the provider and the gateway's are
// comparable. Reports its port over IPC and exits when the bench goes away.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleDemoAiRequest } from "@/lib/demo/ai-upstream";

const server = http.createServer(async (req, res) => {
  const body = req.method === "POST" ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined;
  const request = new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body,
    duplex: "half",
  } as RequestInit);
  const path = new URL(request.url).pathname
    .replace(/^\/v1\/?/, "")
    .split("/")
    .filter(Boolean);
  const response = await handleDemoAiRequest(request, path);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) Readable.fromWeb(response.body as never).pipe(res);
  else res.end();
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
