// GET /api/ready while an instance drains after SIGTERM (issue 17.4), in a real child process
// (test/support/ready-instance.ts: node-server.ts with the readiness mount of scripts/serve.ts and its
// stopServer). For the SHUTDOWN_DELAY_MS that follows SIGTERM the instance keeps accepting connections
// and answering, /api/ready says 503 `draining` (and every answer says `Connection: close`, so
// keep-alive callers move on); then the listener closes and the process exits.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const DELAY_MS = 1_500;

type Instance = { child: ChildProcess; url: string; draining: Promise<void>; exited: Promise<{ code: number | null; at: number }> };

function startInstance(delayMs: number): Promise<Instance> {
  const child = fork(path.join(import.meta.dirname, "../support/ready-instance.ts"), [String(delayMs)], {
    execArgv: ["--import", "tsx"],
    env: process.env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once("exit", (code) => resolve({ code, at: Date.now() })),
  );
  const draining = new Promise<void>((resolve) => child.on("message", (message: { draining?: boolean }) => message.draining && resolve()));
  return new Promise((resolve, reject) => {
    child.on("message", (message: { port?: number }) => {
      if (message.port) resolve({ child, url: `http://127.0.0.1:${message.port}`, draining, exited });
    });
    void exited.then(({ code }) => reject(new Error(`the instance exited with ${code} before listening`)));
  });
}

describe("readiness while draining", () => {
  it("answers 503 draining on new connections for the shutdown delay, then stops accepting and exits", async () => {
    const instance = await startInstance(DELAY_MS);
    const before = await fetch(`${instance.url}/api/ready`);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ status: "ready", checks: { draining: false, database: "ok", migrations: "ok" } });

    const signalledAt = Date.now();
    instance.child.kill("SIGTERM");
    await instance.draining;

    const during = await fetch(`${instance.url}/api/ready`);
    expect(during.status).toBe(503);
    expect(during.headers.get("content-type")).toBe("application/problem+json");
    expect(during.headers.get("connection")).toBe("close");
    expect(await during.json()).toMatchObject({
      status: 503,
      code: "service_unavailable",
      reason: "draining",
      checks: { draining: true, database: "not checked", migrations: "not checked" },
    });
    // Still serving everything else during the delay (here the stand-in for Next.js).
    expect((await fetch(`${instance.url}/elsewhere`)).status).toBe(404);

    const exit = await instance.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(DELAY_MS);
    await expect(fetch(`${instance.url}/api/ready`)).rejects.toThrow();
  });

  it("without a delay refuses new connections at once after SIGTERM (what a load balancer's probe then sees)", async () => {
    const instance = await startInstance(0);
    expect((await fetch(`${instance.url}/api/ready`)).status).toBe(200);
    instance.child.kill("SIGTERM");
    await instance.draining;
    expect((await instance.exited).code).toBe(0);
    await expect(fetch(`${instance.url}/api/ready`)).rejects.toThrow();
  });
});
