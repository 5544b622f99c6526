// Series, breakdowns and percentiles: read from the rollups (plus the raw partial hours at the
// range's edges) they must equal the same figures computed from the raw events alone, and the
// figures a test computes by hand.
import { describe, expect, it } from "vitest";
import { percentileFromBuckets, bucketIndex, LATENCY_BUCKET_COUNT } from "@/lib/usage/latency-buckets";
import { getUsageByApi, getUsageByKey, getKeyUsageMap } from "@/lib/usage/usage-breakdown";
import { getUsageSeries } from "@/lib/usage/usage-series";
import { deriveStats } from "@/lib/usage/usage-stats";
import type { UsageEvent } from "@/lib/gateway/usage-rows";
import { createUsageTeam, usageEvent, writeEvents } from "./usage-fixtures";

const HOUR = 3_600_000;
const t0 = new Date("2026-09-10T00:00:00.000Z").getTime();

describe("percentileFromBuckets", () => {
  it("interpolates inside the bucket that holds the rank", () => {
    const buckets = new Array(LATENCY_BUCKET_COUNT).fill(0);
    buckets[bucketIndex(15)] = 10; // [10, 20)
    expect(percentileFromBuckets(buckets, 0.5)).toBe(15);
    expect(percentileFromBuckets(buckets, 0.95)).toBeCloseTo(19.5);
    buckets[bucketIndex(150)] = 10; // [100, 200)
    expect(percentileFromBuckets(buckets, 0.5)).toBe(20); // the end of the first bucket
    expect(percentileFromBuckets(buckets, 0.95)).toBe(190);
  });

  it("has no value without calls and stops at the open-ended bucket's lower bound", () => {
    expect(percentileFromBuckets(new Array(LATENCY_BUCKET_COUNT).fill(0), 0.5)).toBeNull();
    const slow = new Array(LATENCY_BUCKET_COUNT).fill(0);
    slow[LATENCY_BUCKET_COUNT - 1] = 3;
    expect(percentileFromBuckets(slow, 0.95)).toBe(30_000);
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(1)).toBe(1);
    expect(bucketIndex(29_999)).toBe(LATENCY_BUCKET_COUNT - 2);
    expect(bucketIndex(30_000)).toBe(LATENCY_BUCKET_COUNT - 1);
  });
});

async function seed() {
  const fixture = await createUsageTeam();
  const { team, apis, keys } = fixture;
  const events: UsageEvent[] = [];
  // 30 hours of calls, every 20 minutes and 17 seconds, spread over both APIs and keys.
  for (let i = 0; i < 90; i++) {
    events.push(
      usageEvent({
        teamId: team.id,
        apiId: apis[i % 3 === 0 ? 1 : 0]!.id,
        apiKeyId: keys[i % 2]!.id,
        createdAt: new Date(t0 + i * (20 * 60_000 + 17_000)),
        status: i % 10 === 0 ? 503 : i % 15 === 0 ? 402 : 200,
        latencyMs: (i * 37) % 700,
        charged: i % 15 === 0 ? 0n : 2_000n,
        refunded: i % 10 === 0 ? 2_000n : 0n,
      }),
    );
  }
  // Calls that never roll up: no API (unknown slug), and no team at all (bad key).
  events.push(usageEvent({ teamId: team.id, apiId: null, apiKeyId: keys[0]!.id, status: 404, createdAt: new Date(t0 + 5 * HOUR) }));
  await writeEvents(events);
  return { ...fixture, events: events.slice(0, 90) };
}

function inRange(events: UsageEvent[], from: Date, to: Date) {
  return events.filter((event) => event.createdAt >= from && event.createdAt < to);
}

describe("usage series and breakdowns", () => {
  it("equal the raw aggregates for a range that starts and ends inside an hour", async () => {
    const { team, events, apis, keys } = await seed();
    const range = { from: new Date(t0 + 2.5 * HOUR + 123), to: new Date(t0 + 26.25 * HOUR), granularity: "hour" as const };
    const fromRollups = await getUsageSeries(team.id, range);
    const fromRaw = await getUsageSeries(team.id, range, "raw");
    expect(fromRollups).toEqual(fromRaw);

    const expected = inRange(events, range.from, range.to);
    expect(fromRollups.totals.requests).toBe(expected.length);
    expect(fromRollups.totals.errors).toBe(expected.filter((event) => event.status >= 400).length);
    expect(deriveStats(fromRollups.totals).spend).toBe(expected.reduce((sum, event) => sum + event.charged - event.refunded, 0n));
    expect(fromRollups.totals.latencySumMs).toBe(expected.reduce((sum, event) => sum + event.latencyMs, 0));
    // One point per hour touched by the range, zeros included; the first is the partial hour.
    expect(fromRollups.points).toHaveLength(25);
    expect(fromRollups.points[0]!.at.toISOString()).toBe("2026-09-10T02:00:00.000Z");
    expect(fromRollups.points[0]!.stats.requests).toBe(inRange(events, range.from, new Date(t0 + 3 * HOUR)).length);

    const byApi = await getUsageByApi(team.id, range);
    expect(byApi).toEqual(await getUsageByApi(team.id, range, "raw"));
    expect(byApi.map((row) => [row.id, row.stats.requests])).toEqual(
      [apis[0]!, apis[1]!]
        .map((api) => [api.id, expected.filter((event) => event.apiId === api.id).length] as const)
        .sort((a, b) => b[1] - a[1]),
    );
    const byKey = await getUsageByKey(team.id, range);
    expect(byKey).toEqual(await getUsageByKey(team.id, range, "raw"));
    expect(new Map(byKey.map((row) => [row.id, row.stats.requests]))).toEqual(
      new Map(keys.map((key) => [key.id, expected.filter((event) => event.apiKeyId === key.id).length])),
    );
    expect(byKey.find((row) => row.id === keys[1]!.id)?.detail).toMatch(/^tg_test_…[0-9A-Za-z]{4}$/);
  });

  it("buckets by UTC day, handles ranges inside one hour, and gives per-key usage", async () => {
    const { team, events, keys } = await seed();
    const days = { from: new Date(t0 - 2 * 24 * HOUR), to: new Date(t0 + 3 * 24 * HOUR), granularity: "day" as const };
    const series = await getUsageSeries(team.id, days);
    expect(series.points.map((point) => point.at.toISOString().slice(0, 10))).toEqual([
      "2026-09-08",
      "2026-09-09",
      "2026-09-10",
      "2026-09-11",
      "2026-09-12",
    ]);
    expect(series.points.map((point) => point.stats.requests)).toEqual([
      0,
      0,
      inRange(events, new Date(t0), new Date(t0 + 24 * HOUR)).length,
      inRange(events, new Date(t0 + 24 * HOUR), new Date(t0 + 48 * HOUR)).length,
      0,
    ]);
    expect(series).toEqual(await getUsageSeries(team.id, days, "raw"));

    const inside = { from: new Date(t0 + 4 * HOUR + 60_000), to: new Date(t0 + 4 * HOUR + 40 * 60_000), granularity: "hour" as const };
    const small = await getUsageSeries(team.id, inside);
    expect(small.totals.requests).toBe(inRange(events, inside.from, inside.to).length);
    expect(small).toEqual(await getUsageSeries(team.id, inside, "raw"));

    const perKey = await getKeyUsageMap(team.id, { from: new Date(t0), to: new Date(t0 + 48 * HOUR) });
    const mine = events.filter((event) => event.apiKeyId === keys[0]!.id);
    expect(perKey.get(keys[0]!.id)).toMatchObject({ requests: mine.length, charged: mine.reduce((sum, event) => sum + event.charged, 0n) });
  });

  it("estimates p50 and p95 from the rolled-up buckets within a bucket's width of the exact value", async () => {
    const { team, events } = await seed();
    const range = { from: new Date(t0), to: new Date(t0 + 48 * HOUR), granularity: "day" as const };
    const { p50Ms, p95Ms } = deriveStats((await getUsageSeries(team.id, range)).totals);
    const sorted = events.map((event) => event.latencyMs).sort((a, b) => a - b);
    const exact = (q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;
    // Same bucket as the exact percentile: [200, 500) or [500, 1000) here.
    expect(bucketIndex(Math.floor(p50Ms!))).toBe(bucketIndex(exact(0.5)));
    expect(bucketIndex(Math.floor(p95Ms!))).toBe(bucketIndex(exact(0.95)));
  });

  it("never shows another team's usage", async () => {
    const mine = await seed();
    const other = await createUsageTeam();
    const range = { from: new Date(t0), to: new Date(t0 + 48 * HOUR), granularity: "hour" as const };
    expect((await getUsageSeries(other.team.id, range)).totals.requests).toBe(0);
    expect(await getUsageByApi(other.team.id, range)).toEqual([]);
    expect((await getUsageSeries(mine.team.id, range)).totals.requests).toBe(90);
  });
});
