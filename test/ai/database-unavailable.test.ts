// When PostgreSQL does not answer, the AI gateway answers 503 service_unavailable in the SDK's error
// shape with Retry-After, quickly, instead of a 500 (a real child process whose database never answers).
import { execFile } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
let silent: net.Server;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  silent = net.createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

it("answers 503 with Retry-After in the OpenAI error shape", async () => {
  const port = (silent.address() as net.AddressInfo).port;
  const started = performance.now();
  const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "../support/ai-without-database.ts")], {
    env: { ...process.env, DATABASE_URL: `postgresql://nobody:secret@127.0.0.1:${port}/none`, DATABASE_CONNECT_TIMEOUT_MS: "300" },
    cwd: process.cwd(),
  });
  const result = JSON.parse(stdout) as { status: number; retryAfter: string; body: { error: { code: string; type: string } } };
  expect(result.status).toBe(503);
  expect(result.retryAfter).toBe("5");
  expect(result.body.error).toMatchObject({ code: "service_unavailable", type: "overloaded_error" });
  expect(performance.now() - started).toBeLessThan(15_000);
}, 30_000);
