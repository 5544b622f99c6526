// Throwaway: per-component cost of handleGatewayRequest in-process (not committed).
import http from "node:http";
import { startScratchCluster } from "../scripts/lib/scratch-database";
import { createDatabaseIfMissing } from "../scripts/lib/embedded-postgres";
import { migrateDeploy } from "../scripts/lib/processes";

const cluster = await startScratchCluster();
const url = cluster.url("micro");
await createDatabaseIfMissing(cluster.url("postgres"), "micro");
await migrateDeploy(url);
process.env.DATABASE_URL = url;
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET = "x".repeat(32);
process.env.TOLLGATE_ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64");
const BODY = JSON.stringify({ ok: true, from: "bench-upstream" });
const server = http.createServer((req, res) => { req.resume(); res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) }).end(BODY); });
server.keepAliveTimeout = 65000;
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const upstreamUrl = `http://127.0.0.1:${(server.address() as any).port}`;
const { seedBench } = await import("../bench/seed");
const seed = await seedBench(upstreamUrl);
const { handleGatewayRequest } = await import("../lib/gateway/handle-gateway-request");
const headers = { authorization: `Bearer ${seed.key}` };
async function one() {
  const res = await handleGatewayRequest(new Request("http://localhost:3000/api/gateway/bench/ping", { headers }), { ip: null, proto: "http", host: "localhost" });
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}
async function run(n: number, conc = 32) {
  let i = 0;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: conc }, async () => { while (i++ < n) await one(); }));
  const ms = performance.now() - t; const cpu = process.cpuUsage(cpu0);
  return { rps: Math.round(n / (ms / 1000)), cpuUsPerReq: Math.round((cpu.user + cpu.system) / n) };
}
await run(2000);
for (let k = 0; k < 3; k++) console.log(process.env.VARIANT ?? "full", await run(10000));
const { flushUsage } = await import("../lib/gateway/usage-recorder");
await flushUsage();
server.close(); server.closeAllConnections();
await cluster.stop();
process.exit(0);
