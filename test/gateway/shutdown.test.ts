// SIGTERM during streams, in a real child process (test/support/stoppable-gateway.ts runs the server
// of `npm start` and its stopServer): new connections are refused at once, a stream in flight runs
// to its end within the grace, its usage is written, then the process exits; a stream that outlasts
// the grace is cut, refunded under the default policy and recorded as response_interrupted.
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant } from "../support/ledger";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const START = 1_000_000n;
const PRICE = 5_000n;

type Stoppable = { child: ChildProcess; port: number; stopping: Promise<void>; exited: Promise<{ code: number | null; at: number }> };

function startStoppable(graceMs: number): Promise<Stoppable> {
  const child = fork(path.join(import.meta.dirname, "../support/stoppable-gateway.ts"), [String(graceMs)], {
    execArgv: ["--import", "tsx"],
    env: process.env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once("exit", (code) => resolve({ code, at: Date.now() })),
  );
  const stopping = new Promise<void>((resolve) => child.on("message", (message: { stopping?: boolean }) => message.stopping && resolve()));
  return new Promise((resolve, reject) => {
    child.on("message", (message: { port?: number }) => message.port && resolve({ child, port: message.port, stopping, exited }));
    void exited.then(({ code }) => reject(new Error(`the gateway process exited with ${code} before listening`)));
  });
}

type Stream = { status: number; requestId: string; body: string; complete: boolean; endedAt: number };

/** A streamed gateway call; `onFirstChunk` runs once the stream is flowing. */
function stream(port: number, slug: string, key: string, route: string, onFirstChunk: () => void): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(`http://127.0.0.1:${port}/api/gateway/${slug}${route}`, { headers: { authorization: `Bearer ${key}` } });
    request.on("error", reject);
    request.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        if (body === "") onFirstChunk();
        body += chunk;
      });
      res.on("error", (error) => void error); // "aborted" when the grace runs out: what that test expects
      res.on("close", () =>
        resolve({
          status: res.statusCode!,
          requestId: String(res.headers["x-request-id"]),
          body,
          complete: res.complete,
          endedAt: Date.now(),
        }),
      );
    });
  });
}

describe("SIGTERM during streams", () => {
  it("refuses new connections, lets the stream finish, writes its usage, then exits", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const gateway = await startStoppable(10_000);
    const sigterm = () => void gateway.child.kill("SIGTERM");
    const streamed = stream(gateway.port, slug, key, "/sse?events=6&intervalMs=200", sigterm);

    await gateway.stopping;
    await expect(fetch(`http://127.0.0.1:${gateway.port}/api/gateway/${slug}/echo`)).rejects.toThrow();

    const answer = await streamed;
    expect(answer).toMatchObject({ status: 200, complete: true });
    expect(answer.body).toContain('data: {"i":5}');
    const exit = await gateway.exited;
    expect(exit.code).toBe(0);
    expect(exit.at).toBeGreaterThanOrEqual(answer.endedAt);
    // The caller's connection stays open for keep-alive: the drain closes it once idle, not at the end of the grace.
    expect(exit.at - answer.endedAt).toBeLessThan(4_000);

    // Written by the stopping process itself, before it exited.
    const event = await db.usageEvent.findUniqueOrThrow({ where: { requestId: answer.requestId } });
    expect(event).toMatchObject({ status: 200, errorCode: null, charged: PRICE, refunded: 0n });
    expect(await expectLedgerInvariant(team.id)).toBe(START - PRICE);
  });

  it("cuts a stream that outlasts the grace, refunds it, records response_interrupted, then exits", async () => {
    const { slug, key, team } = await createGatewayFixture({ upstreamUrl: upstream.url, balance: START, price: PRICE });
    const gateway = await startStoppable(500);
    let signalledAt = 0;
    const sigterm = () => {
      signalledAt = Date.now();
      gateway.child.kill("SIGTERM");
    };
    const answer = await stream(gateway.port, slug, key, "/sse?events=100&intervalMs=100", sigterm);
    expect(answer).toMatchObject({ status: 200, complete: false });
    expect(answer.endedAt - signalledAt).toBeGreaterThanOrEqual(400);
    expect(answer.endedAt - signalledAt).toBeLessThan(3_000);
    expect((await gateway.exited).code).toBe(0);

    const event = await db.usageEvent.findUniqueOrThrow({ where: { requestId: answer.requestId } });
    expect(event).toMatchObject({ status: 200, errorCode: "response_interrupted", charged: PRICE, refunded: PRICE });
    expect(await expectLedgerInvariant(team.id)).toBe(START);
  });
});
