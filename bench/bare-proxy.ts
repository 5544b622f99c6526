// The bench's baseline for the gateway: a bare reverse proxy of the same upstream with nothing of a
// gateway's work (no key, no rate limit, no charge, no usage), and nothing a proxy can honestly skip:
// node:http in front, an undici pool with keep-alive behind (the gateway's own pool settings), both
// bodies streamed, status and headers copied minus the hop-by-hop ones. Forked by scripts/bench.ts
// with BARE_PROXY_UPSTREAM set; reports its port over IPC and exits when the bench goes away.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection; Host is the upstream's (the pool sets it).
const NOT_FORWARDED = new Set(
  "connection keep-alive proxy-authenticate proxy-authorization proxy-connection te trailer transfer-encoding upgrade host".split(" "),
);

const upstream = process.env.BARE_PROXY_UPSTREAM;
if (!upstream) throw new Error("BARE_PROXY_UPSTREAM is not set");
const pool = new Pool(upstream, { keepAliveTimeout: 10_000, connections: 256 });

/** Headers minus hop-by-hop ones, including those the Connection header names. */
function endToEnd(headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const listed = String(headers.connection ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase());
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name) && !listed.includes(name)) out[name] = value;
  }
  return out;
}

const server = http.createServer(async (req, res) => {
  try {
    const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
    const answer = await pool.request({
      method: req.method as "GET",
      path: req.url ?? "/",
      headers: endToEnd(req.headers),
      body: hasBody ? req : undefined,
    });
    res.writeHead(answer.statusCode, endToEnd(answer.headers));
    // pipe, not stream/promises' pipeline: pipeline aborts an AbortController as it finishes, and the
    // DOMException that makes (a stack trace each call) was 12.6% of this proxy's CPU in a profile.
    // The same duties by hand: back-pressure (pipe), a broken body cuts the caller off, a caller who
    // hangs up stops the upstream body.
    answer.body.on("error", () => res.destroy());
    res.on("close", () => {
      if (!answer.body.readableEnded) answer.body.destroy();
    });
    answer.body.pipe(res);
  } catch (error) {
    // A bare proxy's whole error handling: 502 if nothing was sent yet, else cut the connection.
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`bad gateway: ${(error as Error).message}`);
    else res.destroy();
  }
});
// The same timeouts as the app's server (lib/gateway/node-server.ts), so idle pooled connections live as long.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(0, "127.0.0.1", () => process.send!({ port: (server.address() as AddressInfo).port }));

const stop = () => {
  server.close(() => void pool.close().then(() => process.exit(0)));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
