// A caller who hangs up while a mounted handler is still preparing its answer (an AI call waiting
// for its provider, a gateway call waiting for its upstream): the answer that arrives afterwards
// must be dropped, its body cancelled (a stream's relay settles on cancel), and the call must count
// as finished, or the drain on SIGTERM waits for it forever (seen after the bench's AI load).
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServer, drainServer } from "@/lib/gateway/node-server";

type Served = { server: ReturnType<typeof createAppServer>; port: number; answered: Promise<void>; cancelled: Promise<unknown> };

/** A mount that answers only after its caller has gone: with a whole body, or with a stream that notes its cancel. */
async function serveAfterCallerLeft(body: "whole" | "stream"): Promise<Served> {
  let markAnswered!: () => void;
  let markCancelled!: (reason: unknown) => void;
  const answered = new Promise<void>((resolve) => (markAnswered = resolve));
  const cancelled = new Promise<unknown>((resolve) => (markCancelled = resolve));
  const handler = async (request: Request) => {
    await new Promise((resolve) => request.signal.addEventListener("abort", resolve, { once: true }));
    markAnswered();
    if (body === "whole") return new Response("x".repeat(256 * 1024), { status: 200 });
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("data: more\n\n")),
      cancel: (reason) => markCancelled(reason ?? "cancelled"),
    });
    return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
  const server = createAppServer({
    origin: "http://localhost:3000",
    pages: (_req, res) => void res.end("a page"),
    mounts: [{ prefix: "/mounted/", handler }],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, answered, cancelled };
}

/** Sends a request and hangs up once it is on the wire. */
async function callAndHangUp(port: number): Promise<void> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  await new Promise<void>((resolve) => socket.write("GET /mounted/x HTTP/1.1\r\nHost: localhost\r\n\r\n", () => resolve()));
  socket.destroy();
}

/** Resolves with whether `work` settled within `ms` (a deadline for a failing test, not a pause). */
function within(work: Promise<void>, ms: number): Promise<boolean> {
  return Promise.race([work.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}

let running: Served | undefined;
afterEach(() => {
  running?.server.closeAllConnections();
  running = undefined;
});

describe("a caller who leaves before the answer is ready", () => {
  it("does not hold the drain when a whole body arrives after it left", async () => {
    running = await serveAfterCallerLeft("whole");
    await callAndHangUp(running.port);
    await running.answered;
    // A grace of a minute: only a call that never counts as finished could make this wait.
    expect(await within(drainServer(running.server, 60_000), 5_000)).toBe(true);
  });

  it("cancels a streamed answer that arrives after it left, so the stream's relay settles", async () => {
    running = await serveAfterCallerLeft("stream");
    await callAndHangUp(running.port);
    await running.answered;
    await expect(running.cancelled).resolves.toBeDefined();
    expect(await within(drainServer(running.server, 60_000), 5_000)).toBe(true);
  });
});

describe("a connection that never sent a request", () => {
  it("does not hold the drain for its grace", async () => {
    running = await serveAfterCallerLeft("whole");
    const socket = net.connect(running.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    const closedByServer = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    expect(await within(drainServer(running.server, 60_000), 5_000)).toBe(true);
    await closedByServer;
    expect(socket.destroyed).toBe(true);
  });
});
