// The production server behind `npm start`: node:http with the metered gateway mounted directly on
// /api/gateway/, the AI gateway on /api/ai/v1/, and Next.js serving everything else (lib/gateway/node-server.ts, which also holds the
// timeouts against slow clients). On SIGTERM/SIGINT the responses in flight finish, usage is
// flushed, then the process exits.
// Environment: PORT (3000), LISTEN_HOST (0.0.0.0); everything else as for the app.
import next from "next";
import type { IncomingMessage } from "node:http";
import { createAppServer, stopServer } from "@/lib/gateway/node-server";
import { stopHeartbeat } from "@/lib/instances/heartbeat";
import { AI_PATH_PREFIX } from "@/lib/ai/gateway/handle-ai-request";
import { serveAiNode } from "@/lib/ai/gateway/serve-ai-node";
import { listenForInvalidations } from "@/lib/cache/listen-for-invalidations";
import { installPromptApis } from "@/lib/prompt-apis/call/install";
import { redisClient } from "@/lib/redis/redis-client";
import { MCP_PATH_PREFIX, handleMcpRequest } from "@/lib/mcp/handle-mcp-request";
import { clientFromNode } from "@/lib/http/client-address";
import { startTracing, stopTracing } from "@/lib/tracing/start-tracing";
import { READY_PATH, serveReadiness } from "@/lib/health/readiness-response";
import { shutdownDelayMs } from "@/lib/env";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("server");

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.LISTEN_HOST ?? "0.0.0.0";

startTracing(); // off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; instrumentation.ts finds it started
const app = next({ dev: false, dir: process.cwd(), port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

// Instrumentation does these too; both calls are safe, each happens once per process.
void listenForInvalidations();
installPromptApis();
redisClient(); // with REDIS_URL: a bad URL stops the start here rather than failing calls

// The AI gateway skips Next.js's routing and rendering too, and web objects as the REST gateway does
// (serve-ai-node.ts); `npm run dev` reaches the same core through app/api/ai/v1/[...path]/route.ts.
const aiGateway = { prefix: `${AI_PATH_PREFIX}/`, serve: serveAiNode };
// The MCP server too (lib/mcp; app/api/mcp/[[...path]]/route.ts under `npm run dev`). The prefix has
// no trailing slash, for /api/mcp itself: the handler answers 404 to /api/mcpanything.
const mcp = {
  prefix: MCP_PATH_PREFIX,
  handler: (request: Request, req: IncomingMessage) => handleMcpRequest(request, clientFromNode(req)),
};
// Readiness on node:http too: it must answer while the instance drains, whatever Next.js is doing.
const ready = { prefix: READY_PATH, handler: serveReadiness };
const server = createAppServer({
  origin: `http://localhost:${port}`,
  pages: (req, res) => void handle(req, res),
  mounts: [aiGateway, mcp, ready],
});
server.listen(port, hostname, () => log.info({ address: `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}` }, "ready"));

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "finishing requests in flight");
  // SIGTERM comes from an orchestrator: keep serving, /api/ready at 503, until load balancers noticed.
  // Ctrl-C (SIGINT) stops at once.
  const readyDelayMs = signal === "SIGTERM" ? shutdownDelayMs() : 0;
  await stopServer(server, { readyDelayMs, closeApp: () => app.close() });
  // Nothing of ours is open any more: other instances may reconcile whatever is left at once.
  await stopHeartbeat().catch((error: Error) => log.error({ err: error }, "marking the instance stopped failed"));
  await stopTracing(); // the spans still batched
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
