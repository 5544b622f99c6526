// The usage writer's buffer at its bound: recordUsage must stay cheap with 100,000 events waiting
// (the database is away, so nothing drains), and the queue keeps arrival order through failed
// writes and drops.
import { afterAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db";
import { recordUsage } from "@/lib/gateway/usage-recorder";
import { UsageQueue } from "@/lib/gateway/usage-queue";
import { bareUsageEvent } from "../support/usage-event";
import { waitFor } from "../faults/support/wait-for";
import { captureLogs, LEVEL } from "../support/log-capture";

afterAll(() => pgPool().end());

describe("the usage buffer", () => {
  it("takes a new event in microseconds with 100,000 waiting, and reports the oldest it dropped in one line", async () => {
    process.env.DATABASE_URL = "postgresql://nobody:secret@127.0.0.1:1/none"; // refused at once: nothing is written
    process.env.USAGE_BUFFER_MAX_EVENTS = "100000";
    const logs = captureLogs();

    for (let i = 0; i < 100_000; i++) recordUsage(bareUsageEvent(`bound-${i}`, "/bound"));
    const started = performance.now();
    for (let i = 100_000; i < 150_000; i++) recordUsage(bareUsageEvent(`bound-${i}`, "/bound"));
    expect(performance.now() - started).toBeLessThan(1000); // shifting a 100,000-element array each time takes seconds
    const drops = () => logs.lines().filter((line) => line.dropped !== undefined);
    await waitFor(() => drops().length > 0, { timeoutMs: 5_000, what: "the drop reported" });
    expect(drops()).toEqual([expect.objectContaining({ module: "usage", level: LEVEL.error, dropped: 50_000, bufferMaxEvents: 100_000 })]);
    logs.stop();
  });

  it("keeps arrival order through takes, failed writes put back, and drops", () => {
    const queue = new UsageQueue<number>();
    for (let i = 0; i < 3000; i++) queue.push(i);
    const batch = queue.take(500);
    expect(batch).toEqual(Array.from({ length: 500 }, (_, i) => i));
    queue.drop(1200); // 500..1699
    queue.putBack(batch); // a failed write: back in front
    expect(queue.length).toBe(1800);
    expect(queue.take(502)).toEqual([...batch, 1700, 1701]);
    queue.putBack([-2, -1]);
    expect(queue.take(4)).toEqual([-2, -1, 1702, 1703]);
    expect(queue.take(5000)).toHaveLength(1296);
    expect(queue.length).toBe(0);
    queue.putBack([7]);
    expect(queue.take(1)).toEqual([7]);
  });
});
