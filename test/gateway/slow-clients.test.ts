// Slow clients against the real server (lib/gateway/node-server.ts) over raw sockets: headers or a
// body sent a byte at a time are cut off by the documented timeouts (README, "Timeouts"), shortened
// here; a call cut off that way is refunded, and its connection is closed.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture } from "../support/gateway-factories";
import { startGatewayServer, type GatewayServer } from "../support/gateway-server";
import { expectLedgerInvariant } from "../support/ledger";

let upstream: Upstream;
let server: GatewayServer;
beforeAll(async () => {
  upstream = await startUpstream();
  server = await startGatewayServer({
    headersTimeoutMs: 600,
    requestTimeoutMs: 1_500,
    checkIntervalMs: 100,
    requestBody: { idleMs: 400, totalMs: 1_000 },
  });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const START = 1_000_000n;
const PRICE = 5_000n;

type Exchange = { received: string; closedAfterMs: number; bytesSent: number };

/**
 * Sends `head` and then `body`, a byte every `intervalMs` (the head too when `trickleHead`), until the
 * server closes the connection; resolves with what came back and when the connection closed.
 */
function trickle(options: { head: string; body?: string; intervalMs: number; trickleHead?: boolean }): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    const started = Date.now();
    let received = "";
    let bytesSent = 0;
    const pending = [...(options.trickleHead ? options.head : ""), ...(options.body ?? "")];
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      if (!options.trickleHead) socket.write(options.head);
      timer = setInterval(() => {
        const next = pending.shift();
        if (next === undefined || socket.destroyed) return;
        socket.write(next);
        bytesSent++;
      }, options.intervalMs);
    });
    socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" || error.code === "EPIPE" ? undefined : reject(error),
    );
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ received, closedAfterMs: Date.now() - started, bytesSent });
    });
    // A server that never cuts the client off fails the test instead of hanging it.
    setTimeout(() => socket.destroy(), 8_000).unref();
  });
}

describe("slow clients", () => {
  it("cuts off a client that sends its headers a byte at a time (headersTimeout): 408, connection closed", async () => {
    const head = `GET /api/gateway/demo/echo HTTP/1.1\r\nHost: x\r\n${"X-Slow: y\r\n".repeat(50)}\r\n`;
    const { received, closedAfterMs } = await trickle({ head, intervalMs: 20, trickleHead: true });
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it("answers 408 request_timeout when a body stops arriving (idle), refunded, and closes the connection", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const before = upstream.requests.length;
    const head = `POST /api/gateway/${slug}/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Length: 1000\r\n\r\n`;
    // Five bytes, then nothing: the head went out at once, the body stalls after them.
    const exchange = trickle({ head, body: "12345", intervalMs: 10 });
    const { received, closedAfterMs } = await exchange;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received.toLowerCase()).toContain("connection: close");
    expect(received).toContain('"code":"request_timeout"');
    expect(closedAfterMs).toBeLessThan(2_000);
    // The upstream saw the request start and then lose its client.
    await upstream.waitForRequests(before + 1);
    expect(upstream.requests.at(-1)!.aborted || upstream.requests.at(-1)!.body.length < 1000).toBe(true);
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });

  it("answers 408 when a body arrives a byte at a time past its total time, and closes the connection", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const head = `POST /api/gateway/${slug}/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Length: 1000\r\n\r\n`;
    // A byte every 100 ms never trips the 400 ms idle limit; the 1 s total does.
    const { received, closedAfterMs, bytesSent } = await trickle({ head, body: "x".repeat(1000), intervalMs: 100 });
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"code":"request_timeout"');
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(2_500);
    expect(bytesSent).toBeLessThan(30);
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });

  it("cuts off a slow body on a page too (requestTimeout)", async () => {
    const head = `POST /somewhere HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n`;
    const { received, closedAfterMs } = await trickle({ head, body: "x".repeat(1000), intervalMs: 100 });
    // The stand-in page answers at once without reading; the connection still closes once the request timeout passes.
    expect(received).toContain("404");
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it("delivers the 413 of a streamed body over the plan's limit before closing the connection", async () => {
    const { slug, key, team } = await createGatewayFixture({
      upstreamUrl: upstream.url,
      balance: START,
      price: PRICE,
      maxRequestBytes: 1000,
    });
    const head = `POST /api/gateway/${slug}/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = `400\r\n${"y".repeat(1024)}\r\n`;
    const { received, closedAfterMs } = await trickle({ head: head + chunk.repeat(3), intervalMs: 50 });
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(closedAfterMs).toBeLessThan(2_000); // the rest of the body is never read, so the connection cannot be reused
    expect(received).toContain('"code":"payload_too_large"');
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });

  it("keeps a healthy keep-alive connection open for the next request", async () => {
    const { slug, key } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const first = await fetch(`${server.url}/api/gateway/${slug}/echo`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: "hi",
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("connection")).not.toBe("close");
    expect((await first.json()).body).toBe("hi");
  });
});
