// An app instance in a process of its own for readiness tests: lib/gateway/node-server.ts with GET
// /api/ready mounted the way scripts/serve.ts mounts it (a 404 stands in for Next.js). On SIGTERM it
// stops like `npm start`: draining at once, serving for the delay given as the first argument
// (SHUTDOWN_DELAY_MS), then the drain. It tells the parent its port, and that it is draining, over IPC.
import type { AddressInfo } from "node:net";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";
import { READY_PATH, serveReadiness } from "@/lib/health/readiness-response";

const readyDelayMs = Number(process.argv[2]);
const server = createAppServer({
  origin: "http://localhost:3000",
  pages: (_req, res) => void res.writeHead(404, { "content-type": "text/plain" }).end("no pages here"),
  mounts: [{ prefix: READY_PATH, handler: serveReadiness }],
});
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));
process.once("SIGTERM", () => {
  const stopped = stopServer(server, { readyDelayMs });
  process.send!({ draining: true }); // stopServer marked the instance draining before its first await
  void stopped.then(() => process.exit(0));
});
