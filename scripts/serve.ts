// The production server behind `npm start`: node:http with the metered gateway mounted directly on
// /api/gateway/ (lib/gateway/node-adapter.ts) and Next.js serving everything else. Usage is flushed
// after in-flight responses finish on SIGTERM/SIGINT, then the process exits.
// Environment: PORT (3000), LISTEN_HOST (0.0.0.0); everything else as for the app.
import http from "node:http";
import next from "next";
import { GATEWAY_PATH_PREFIX, serveGatewayNode } from "@/lib/gateway/node-adapter";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { stopHeartbeat } from "@/lib/instances/heartbeat";
import { refuseRequestLine } from "@/lib/http/request-line";
import { listenForInvalidations } from "@/lib/cache/listen-for-invalidations";
import { stampPeer } from "@/lib/http/client-address";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.LISTEN_HOST ?? "0.0.0.0";
const SHUTDOWN_GRACE_MS = 25_000;

const app = next({ dev: false, dir: process.cwd(), port, hostname });
await app.prepare();
const handle = app.getRequestHandler();
const origin = `http://localhost:${port}`;

// Instrumentation does this too; both calls are safe, the listener starts once per process.
void listenForInvalidations();

// Node refuses headers over 16 KiB with a bare 431; up to 64 KiB they reach the gateway, which answers
// anything over its own 8 KiB limit with a problem+json 400 the caller can read.
const server = http.createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
  if (refuseRequestLine(req.method, req.url, res)) return; // TRACE, %ff, %00: a 400 here, not a 500 inside
  if (req.url?.startsWith(GATEWAY_PATH_PREFIX)) return void serveGatewayNode(req, res, origin);
  // Next.js does not tell route handlers and server actions the socket address: hand it over in a
  // header the client cannot forge (lib/http/client-address.ts).
  stampPeer(req);
  void handle(req, res);
});
// Longer than common load balancers' idle timeouts, so they never reuse a connection we just closed.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, hostname, () => console.log(`[tollgate] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`[tollgate] ${signal}: finishing requests in flight`);
  const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  force.unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close().catch((error: Error) => console.error("[tollgate] closing Next.js:", error.message));
  await flushUsage().catch((error: Error) => console.error("[tollgate] final usage flush failed:", error.message));
  // Nothing of ours is open any more: other instances may reconcile whatever is left at once.
  await stopHeartbeat().catch((error: Error) => console.error("[tollgate] marking the instance stopped:", error.message));
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
