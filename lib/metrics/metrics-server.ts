// The separate metrics server of METRICS_PORT: a tiny node:http server that answers GET /metrics
// and nothing else, so the metrics can stay on a port only the monitoring network reaches.
// Started once per process (instrumentation.ts runs under `npm start` and `npm run dev`).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerMetrics } from "@/lib/metrics/metrics-endpoint";
import { shared } from "@/lib/metrics/registry";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("metrics");

const servers = shared<{ server: http.Server | null }>("metrics-server", () => ({ server: null }));

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/metrics") return void res.writeHead(404, { "content-type": "text/plain" }).end("Not found: the metrics are at /metrics\n");
  if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { allow: "GET, HEAD" }).end();
  answerMetrics(req.headers.authorization, "metrics-port").then(
    async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(req.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
    },
    (error: unknown) => {
      log.error({ err: error }, "collecting the metrics failed");
      res.writeHead(500, { "content-type": "text/plain" }).end("The metrics could not be collected.\n");
    },
  );
}

/** Listens on `port` (0: any free one) unless this process already does; resolves with the server. */
export async function startMetricsServer(port: number, host = process.env.LISTEN_HOST ?? "0.0.0.0"): Promise<http.Server> {
  if (servers.server) return servers.server;
  const server = http.createServer(handle);
  servers.server = server;
  server.unref(); // it never holds the process open: the app's own server and shutdown decide
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: unknown) => {
    servers.server = null;
    throw error;
  });
  log.info({ port: (server.address() as AddressInfo).port }, "serving /metrics");
  return server;
}

export async function stopMetricsServer(): Promise<void> {
  const server = servers.server;
  servers.server = null;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
