// Sums over rollup-shaped rows and what the page derives from them. The SQL select list and the
// row mapping live together so every query (series, breakdowns) returns the same shape.
import { Prisma } from "@/lib/db";
import { LATENCY_BUCKET_COUNT, addBuckets, percentileFromBuckets } from "@/lib/usage/latency-buckets";

export type UsageStats = {
  requests: number;
  /** calls answered with status >= 400 */
  errors: number;
  charged: bigint;
  refunded: bigint;
  latencySumMs: number;
  /** calls per latency bucket (lib/usage/latency-buckets.ts) */
  buckets: number[];
};

export type UsageStatsRow = {
  requests: bigint;
  errors: bigint;
  charged: bigint;
  refunded: bigint;
  latencySumMs: bigint;
  buckets: (bigint | number)[];
};

const BUCKET_SUMS = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => `sum(coalesce(s."latencyBuckets"[${i + 1}], 0))`).join(", ");

/** Aggregates over a subquery aliased `s` (lib/usage/usage-source.ts). */
export const STATS_SELECT = Prisma.raw(`coalesce(sum(s.requests), 0)::bigint AS requests, coalesce(sum(s.errors), 0)::bigint AS errors,
  coalesce(sum(s.charged), 0)::bigint AS charged, coalesce(sum(s.refunded), 0)::bigint AS refunded,
  coalesce(sum(s."latencySumMs"), 0)::bigint AS "latencySumMs", ARRAY[${BUCKET_SUMS}]::bigint[] AS buckets`);

export const EMPTY_STATS: UsageStats = {
  requests: 0,
  errors: 0,
  charged: 0n,
  refunded: 0n,
  latencySumMs: 0,
  buckets: new Array(LATENCY_BUCKET_COUNT).fill(0),
};

export function toStats(row: UsageStatsRow): UsageStats {
  return {
    requests: Number(row.requests),
    errors: Number(row.errors),
    charged: BigInt(row.charged),
    refunded: BigInt(row.refunded),
    latencySumMs: Number(row.latencySumMs),
    buckets: row.buckets.map(Number),
  };
}

export function addStats(a: UsageStats, b: UsageStats): UsageStats {
  return {
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    charged: a.charged + b.charged,
    refunded: a.refunded + b.refunded,
    latencySumMs: a.latencySumMs + b.latencySumMs,
    buckets: addBuckets(a.buckets, b.buckets),
  };
}

/** What the page shows for a set of calls. Spend is charges minus refunds, in micro-units. */
export function deriveStats(stats: UsageStats) {
  return {
    spend: stats.charged - stats.refunded,
    /** 0..1, null without calls */
    errorRate: stats.requests === 0 ? null : stats.errors / stats.requests,
    avgLatencyMs: stats.requests === 0 ? null : stats.latencySumMs / stats.requests,
    /** estimated from the latency buckets */
    p50Ms: percentileFromBuckets(stats.buckets, 0.5),
    p95Ms: percentileFromBuckets(stats.buckets, 0.95),
  };
}
