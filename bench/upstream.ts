// The bench's upstream: the cheapest HTTP server node:http makes, answering every request with the
// same small JSON body, so the figures measure the gateway and not the upstream. Forked by
// scripts/bench.ts as a process of its own (the load generator and the app run in others); it
// reports its port over IPC and exits when the bench goes away.
import http from "node:http";
import type { AddressInfo } from "node:net";

const BODY = JSON.stringify({ ok: true, from: "bench-upstream" });
const HEADERS = { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) };

const server = http.createServer((req, res) => {
  req.resume(); // drain any request body so the connection can be reused
  res.writeHead(200, HEADERS).end(BODY);
});
// Keep-alive longer than any client pool keeps a connection idle, so the server never closes a
// pooled connection just as the gateway reuses it.
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
