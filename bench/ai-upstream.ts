// The AI bench's provider: the app's own demo model (lib/demo/ai-upstream.ts) on a bare node:http
// server in a process of its own, so "direct" figures measure the provider and the gateway's are
// comparable. Reports its port over IPC and exits when the bench goes away.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleDemoAiRequest } from "@/lib/demo/ai-upstream";
import { serveWebHandlerNode } from "@/lib/gateway/node-adapter";

// The same node:http mount the app uses for its web handlers (lib/gateway/node-adapter.ts).
const server = http.createServer((req, res) => {
  void serveWebHandlerNode(req, res, "http://127.0.0.1", (request) =>
    handleDemoAiRequest(
      request,
      new URL(request.url).pathname
        .replace(/^\/v1\/?/, "")
        .split("/")
        .filter(Boolean),
    ),
  );
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
