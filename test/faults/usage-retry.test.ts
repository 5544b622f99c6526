// The usage batch writer while PostgreSQL is down (a cluster of this file's own, stopped and
// started): it keeps the events, retries with growing pauses instead of on every new event, never
// makes recordUsage wait, and past USAGE_BUFFER_MAX_EVENTS drops the oldest with one log line.
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db";
import { recordUsage } from "@/lib/gateway/usage-recorder";
import { bareUsageEvent } from "../support/usage-event";
import { FAULT_TIMEOUTS, useFaultCluster } from "./support/fault-suite";
import { waitFor } from "./support/wait-for";
import { captureLogs, type LogCapture } from "../support/log-capture";

const suite = useFaultCluster({ ...FAULT_TIMEOUTS, USAGE_BUFFER_MAX_EVENTS: "1000" });
let logs: LogCapture | undefined;

afterEach(() => logs?.stop());

function captureUsageLog(): void {
  logs = captureLogs();
}

/** The usage writer's lines, each with the time it was written (the retry pauses are measured from them). */
const logged = () => logs!.lines().map((line) => ({ at: Date.parse(line.time as string), line }));
const failedWrites = () => logged().filter(({ line }) => line.module === "usage" && line.msg === "could not write usage events; retrying");
const drops = () => logged().filter(({ line }) => line.dropped !== undefined);

/** Records `count` events named `<prefix>-<i>`; returns how long the whole loop took (ms). */
function recordMany(prefix: string, count: number, from = 0): number {
  const started = performance.now();
  for (let i = from; i < from + count; i++) recordUsage(bareUsageEvent(`${prefix}-${i}`, "/faults"));
  return performance.now() - started;
}

async function storedIds(prefix: string): Promise<Set<string>> {
  const { rows } = await pgPool().query<{ requestId: string }>(`SELECT "requestId" FROM usage_events WHERE starts_with("requestId", $1)`, [
    `${prefix}-`,
  ]);
  return new Set(rows.map((row) => row.requestId));
}

describe("usage batch writer with the database down", () => {
  it("keeps the events, retries with growing pauses (not on every new event), and writes them all when the database is back", async () => {
    const prefix = `retry-${crypto.randomBytes(4).toString("hex")}`;
    await suite.cluster.stop();
    captureUsageLog();

    expect(recordMany(prefix, 50)).toBeLessThan(50);
    await waitFor(() => failedWrites().length >= 2, { timeoutMs: 5_000, what: "two failed writes" });
    // More than a batch arrives during the outage: it waits for the next retry instead of hammering the database.
    expect(recordMany(prefix, 700, 50)).toBeLessThan(200);
    await waitFor(() => failedWrites().length >= 4, { timeoutMs: 10_000, what: "four failed writes" });

    const attempts = failedWrites().map(({ at }) => at);
    const pauses = attempts.slice(1).map((at, i) => at - attempts[i]!);
    for (let i = 1; i < pauses.length; i++) expect(pauses[i]).toBeGreaterThan(pauses[i - 1]! * 1.4);
    expect(pauses[0]).toBeGreaterThan(300);

    await suite.cluster.start();
    await waitFor(async () => (await storedIds(prefix)).size === 750, { timeoutMs: 15_000, what: "all 750 events written" });
    expect(drops()).toEqual([]);
  }, 45_000);

  it("past the bound drops the oldest events, says so in one log line with the count, and writes the rest", async () => {
    const prefix = `bound-${crypto.randomBytes(4).toString("hex")}`;
    await suite.cluster.stop();
    captureUsageLog();

    expect(recordMany(prefix, 1500)).toBeLessThan(200);
    await waitFor(() => failedWrites().length >= 1, { timeoutMs: 5_000, what: "a failed write" });
    expect(drops().map(({ line }) => line.dropped)).toEqual([500]);

    await suite.cluster.start();
    await waitFor(async () => (await storedIds(prefix)).size === 1000, { timeoutMs: 15_000, what: "the newest 1000 events written" });
    const stored = await storedIds(prefix);
    for (let i = 0; i < 1500; i++) expect(stored.has(`${prefix}-${i}`)).toBe(i >= 500);
  }, 45_000);
});
