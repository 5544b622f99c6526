// SIGTERM loses nothing that was answered: events still in the buffer when the process exits are
// written first (lib/gateway/flush-on-exit.ts), in a real child process.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

const run = promisify(execFile);

describe("flushUsageBeforeExit", () => {
  it("writes every buffered usage event before process.exit completes", async () => {
    const prefix = `exit-${crypto.randomBytes(4).toString("hex")}`;
    const script = path.join(import.meta.dirname, "../support/exit-with-usage.ts");
    await run(process.execPath, ["--import", "tsx", script, prefix, "1234"], { env: process.env, cwd: process.cwd() });
    expect(await db.usageEvent.count({ where: { requestId: { startsWith: prefix } } })).toBe(1234);
  }, 30_000);
});
