// A gateway instance in a process of its own, for crash tests: node:http mounting the gateway the
// way scripts/serve.ts does, with its heartbeat running. It tells the parent its port over IPC, and
// dies however the test kills it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveGatewayNode } from "@/lib/gateway/node-adapter";
import { startHeartbeat } from "@/lib/instances/heartbeat";
import { instanceId } from "@/lib/instances/instance-id";

await startHeartbeat();
const server = http.createServer((req, res) => void serveGatewayNode(req, res, "http://localhost"));
server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as AddressInfo).port, instanceId: instanceId() });
});
