// Latency histogram buckets of usage_rollups."latencyBuckets": element i counts the calls whose
// latency in ms lies in [lower(i), upper(i)), with lower(0) = 0 and the last bucket open-ended.
// p50/p95 are estimated from these counts (linear interpolation inside the bucket), so a
// percentile over a month reads a few hundred rollup rows instead of a million events.

/** Upper bounds (exclusive) in ms; one more bucket holds everything from the last bound up. */
const LATENCY_BOUNDS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000] as const;
export const LATENCY_BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;

export function bucketLower(index: number): number {
  return index === 0 ? 0 : LATENCY_BOUNDS_MS[index - 1]!;
}

/** null for the open-ended last bucket */
export function bucketUpper(index: number): number | null {
  return LATENCY_BOUNDS_MS[index] ?? null;
}

/** The bucket a latency falls in (the same rule as the SQL in rollup-aggregates.ts). */
export function bucketIndex(latencyMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs < bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
}

/** Element-wise sum; missing elements count as zero (rows written before a bound was added). */
export function addBuckets(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length, LATENCY_BUCKET_COUNT) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/**
 * The q-quantile (0 < q < 1) of the histogram, interpolated linearly inside its bucket: the k-th
 * of n calls in a bucket is placed at lower + (upper - lower) * k / n. In the open-ended last
 * bucket the estimate is its lower bound. null when there are no calls.
 */
export function percentileFromBuckets(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let before = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i]!;
    if (count > 0 && before + count >= rank) {
      const lower = bucketLower(i);
      const upper = bucketUpper(i);
      if (upper === null) return lower;
      return lower + ((upper - lower) * (rank - before)) / count;
    }
    before += count;
  }
  return bucketLower(buckets.length - 1);
}
