// usage_rollups are written by the recorder's own statement, so they always equal the aggregates
// of the events that were actually inserted: duplicates, refunds, vanished keys and concurrent
// flushes from several instances included.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { bucketIndex, LATENCY_BUCKET_COUNT } from "@/lib/usage/latency-buckets";
import type { UsageEvent } from "@/lib/gateway/usage-rows";
import { createUsageTeam, rollupsAndRawAggregates, usageEvent, writeEvents } from "./usage-fixtures";

const HOUR = 3_600_000;
const base = new Date("2026-10-01T10:00:00.000Z").getTime();

/** What the rollups must hold, computed in JS from the events that should have been inserted. */
function expectedRollups(events: UsageEvent[]) {
  const seen = new Set<string>();
  const groups = new Map<
    string,
    { requests: number; errors: number; charged: bigint; refunded: bigint; latencySumMs: number; buckets: number[] }
  >();
  for (const event of events) {
    if (seen.has(event.requestId)) continue; // the first write of a request id wins
    seen.add(event.requestId);
    if (!event.teamId || !event.apiId || !event.apiKeyId) continue;
    const hour = new Date(Math.floor(event.createdAt.getTime() / HOUR) * HOUR).toISOString();
    const key = `${event.apiId}|${event.apiKeyId}|${hour}`;
    const group = groups.get(key) ?? {
      requests: 0,
      errors: 0,
      charged: 0n,
      refunded: 0n,
      latencySumMs: 0,
      buckets: new Array(LATENCY_BUCKET_COUNT).fill(0),
    };
    group.requests++;
    if (event.status >= 400) group.errors++;
    group.charged += event.charged;
    group.refunded += event.refunded;
    group.latencySumMs += event.latencyMs;
    group.buckets[bucketIndex(event.latencyMs)]++;
    groups.set(key, group);
  }
  return groups;
}

async function expectRollupsToMatch(teamId: string, events: UsageEvent[]) {
  const { stored, recomputed } = await rollupsAndRawAggregates(teamId);
  expect(stored).toEqual(recomputed);
  const expected = expectedRollups(events);
  expect(stored).toHaveLength(expected.size);
  for (const row of stored) {
    const group = expected.get(`${row.apiId}|${row.apiKeyId}|${row.hour}`);
    expect(group, `rollup ${row.apiId} ${row.apiKeyId} ${row.hour}`).toBeDefined();
    expect(row).toMatchObject({
      requests: group!.requests,
      errors: group!.errors,
      charged: Number(group!.charged),
      refunded: Number(group!.refunded),
      latencySumMs: group!.latencySumMs,
      latencyBuckets: group!.buckets,
    });
  }
}

describe("usage rollups", () => {
  it("equal the aggregates of the raw events after several batches, with duplicates and refunds", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const events: UsageEvent[] = [];
    for (let i = 0; i < 120; i++) {
      const failed = i % 7 === 0;
      events.push(
        usageEvent({
          teamId: team.id,
          apiId: apis[i % 2]!.id,
          apiKeyId: keys[(i >> 1) % 2]!.id,
          createdAt: new Date(base + (i % 5) * HOUR + i * 1000),
          status: failed ? 502 : i % 11 === 0 ? 429 : 200,
          latencyMs: [0, 1, 3, 7, 15, 40, 90, 150, 450, 999, 1000, 4000, 9000, 29_999, 30_000, 120_000][i % 16]!,
          charged: i % 11 === 0 ? 0n : 1_000n,
          refunded: failed ? 1_000n : 0n,
        }),
      );
    }
    // Three batches; the third repeats ten request ids of the first (a retried flush).
    await writeEvents(events.slice(0, 50));
    await writeEvents(events.slice(50, 100));
    const retried = events.slice(0, 10).map((event) => ({ ...event, status: 200, charged: 999_999n }));
    await writeEvents([...events.slice(100), ...retried]);
    // A duplicate inside one batch counts once too.
    await writeEvents([events[5]!, { ...events[5]!, charged: 5n }]);

    expect(await db.usageEvent.count({ where: { teamId: team.id } })).toBe(120);
    await expectRollupsToMatch(team.id, [...events, ...retried]);
    const refunded = await db.usageRollup.aggregate({ where: { teamId: team.id }, _sum: { refunded: true, requests: true } });
    expect(refunded._sum.requests).toBe(120);
    expect(refunded._sum.refunded).toBe(BigInt(events.filter((event) => event.refunded > 0n).length) * 1_000n);
  });

  it("skip events of deleted keys, and events without an API or key are logged but not rolled up", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const gone = await db.apiKey.create({
      data: { teamId: team.id, name: "gone", hash: `h-${Date.now()}-${Math.random()}`, prefix: "tg_test_", lastFour: "zzzz" },
    });
    const kept = [
      usageEvent({ teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[0]!.id, createdAt: new Date(base) }),
      usageEvent({
        teamId: team.id,
        apiId: null,
        apiKeyId: keys[0]!.id,
        status: 404,
        errorCode: "api_not_found",
        charged: 0n,
        createdAt: new Date(base),
      }),
    ];
    const vanished = usageEvent({ teamId: team.id, apiId: apis[0]!.id, apiKeyId: gone.id, createdAt: new Date(base) });
    await db.apiKey.delete({ where: { id: gone.id } });
    await writeEvents([...kept, vanished]);

    expect(await db.usageEvent.count({ where: { teamId: team.id } })).toBe(2);
    await expectRollupsToMatch(team.id, kept);
    expect((await db.usageRollup.findMany({ where: { teamId: team.id } })).map((row) => row.requests)).toEqual([1]);

    // A key deleted later takes its rollups with it, and its events lose the key: both sides agree.
    await writeEvents([usageEvent({ teamId: team.id, apiId: apis[1]!.id, apiKeyId: keys[1]!.id, createdAt: new Date(base) })]);
    await db.apiKey.delete({ where: { id: keys[1]!.id } });
    const { stored, recomputed } = await rollupsAndRawAggregates(team.id);
    expect(stored).toEqual(recomputed);
    expect(stored).toHaveLength(1);
  });

  it("neither lose nor double count when several instances flush at once", async () => {
    const { team, apis, keys } = await createUsageTeam();
    // Eight recorders flush at once into the same rollup rows (2 APIs x 2 keys x 3 hours); half of
    // each batch repeats request ids another batch also carries, in a different order.
    const shared = Array.from({ length: 200 }, (_, i) =>
      usageEvent({
        teamId: team.id,
        apiId: apis[i % 2]!.id,
        apiKeyId: keys[(i >> 1) % 2]!.id,
        createdAt: new Date(base + (i % 3) * HOUR),
        latencyMs: i * 7,
        status: i % 9 === 0 ? 500 : 200,
      }),
    );
    const batches = Array.from({ length: 8 }, (_, b) => {
      const own = Array.from({ length: 100 }, (_, i) =>
        usageEvent({
          teamId: team.id,
          apiId: apis[(i + b) % 2]!.id,
          apiKeyId: keys[i % 2]!.id,
          createdAt: new Date(base + ((i + b) % 3) * HOUR),
          latencyMs: i + b,
        }),
      );
      const repeated = shared.slice((b % 4) * 50, (b % 4) * 50 + 100);
      return b % 2 ? [...own, ...repeated].reverse() : [...repeated, ...own];
    });
    await Promise.all(batches.map((batch) => writeEvents(batch)));

    const all = batches.flat();
    expect(await db.usageEvent.count({ where: { teamId: team.id } })).toBe(new Set(all.map((event) => event.requestId)).size);
    expect(await db.usageEvent.count({ where: { teamId: team.id } })).toBe(8 * 100 + 200);
    await expectRollupsToMatch(team.id, all);
  });
});
