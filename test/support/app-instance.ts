// An app instance in a process of its own, as `npm start` serves the gateways: lib/gateway/node-server.ts
// with the REST gateway and the AI gateway mounted (a 404 stands in for Next.js), its heartbeat
// running. It tells the parent its port over IPC; on SIGTERM it stops like `npm start` (answers in
// flight finish within the grace given as the first argument, the last usage batch is written, the
// instance is marked stopped) and exits 0.
import type { AddressInfo } from "node:net";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";
import { AI_PATH_PREFIX } from "@/lib/ai/gateway/handle-ai-request";
import { serveAiNode } from "@/lib/ai/gateway/serve-ai-node";
import { startHeartbeat, stopHeartbeat } from "@/lib/instances/heartbeat";
import { instanceId } from "@/lib/instances/instance-id";

await startHeartbeat();
const server = createAppServer({
  origin: "http://localhost:3000",
  pages: (_req, res) => void res.writeHead(404, { "content-type": "text/plain" }).end("no pages here"),
  mounts: [{ prefix: `${AI_PATH_PREFIX}/`, serve: serveAiNode }],
});
server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port, instanceId: instanceId() }));
const graceMs = process.argv[2] ? Number(process.argv[2]) : undefined;
process.once("SIGTERM", () => {
  void stopServer(server, { graceMs })
    .then(stopHeartbeat)
    .then(() => process.exit(0));
});
