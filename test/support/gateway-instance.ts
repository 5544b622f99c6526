// A gateway instance in a process of its own, for crash tests: node:http mounting the REST gateway
// the way scripts/serve.ts does, and the AI gateway, with its heartbeat running. It tells the parent
// its port over IPC, and dies however the test kills it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveGatewayNode } from "@/lib/gateway/node-call";
import { serveAiNode } from "@/lib/ai/gateway/serve-ai-node";
import { startHeartbeat } from "@/lib/instances/heartbeat";
import { instanceId } from "@/lib/instances/instance-id";

await startHeartbeat();
const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/api/ai/")) void serveAiNode(req, res, "http://localhost");
  else void serveGatewayNode(req, res, "http://localhost");
});
server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as AddressInfo).port, instanceId: instanceId() });
});
