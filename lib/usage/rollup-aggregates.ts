// The one aggregation from usage events to usage_rollups columns. The usage recorder runs it over
// the rows it has just inserted; analytics run it over raw events for the partial hours at the
// edges of a range, and the bench and tests over whole tables. One text, so the three agree.
//
// The columns are named unqualified, so it works over usage_events and over any relation with the
// same column names (the recorder's `RETURNING`).
import { LATENCY_BUCKET_COUNT, bucketLower, bucketUpper } from "@/lib/usage/latency-buckets";

/** An error is any call answered with a status of 400 or more: refusals (401, 402, 429 …), 4xx and 5xx from the upstream. */
export const ERROR_STATUS_FROM = 400;

/** Only events with a team, an API and a key roll up (the rollup row needs all three). */
export const ROLLUP_ELIGIBLE = `"teamId" IS NOT NULL AND "apiId" IS NOT NULL AND "apiKeyId" IS NOT NULL`;

/** The UTC hour of an event: date_trunc with an explicit zone, whatever the session's TimeZone. */
export const EVENT_HOUR = `date_trunc('hour', "createdAt", 'UTC')`;

function bucketCount(index: number): string {
  const lower = bucketLower(index);
  const upper = bucketUpper(index);
  const condition =
    upper === null
      ? `"latencyMs" >= ${lower}`
      : index === 0
        ? `"latencyMs" < ${upper}`
        : `"latencyMs" >= ${lower} AND "latencyMs" < ${upper}`;
  return `count(*) FILTER (WHERE ${condition})`;
}

const BUCKETS = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, i) => bucketCount(i)).join(", ");

/** Select list, in the column order of ROLLUP_COLUMNS after the four key columns. */
export const ROLLUP_AGGREGATES = `count(*)::int AS requests, count(*) FILTER (WHERE status >= ${ERROR_STATUS_FROM})::int AS errors,
  coalesce(sum(charged), 0)::bigint AS charged, coalesce(sum(refunded), 0)::bigint AS refunded,
  coalesce(sum("latencyMs"), 0)::bigint AS "latencySumMs", ARRAY[${BUCKETS}]::int[] AS "latencyBuckets",
  coalesce(sum("bytesIn"), 0)::bigint AS "bytesIn", coalesce(sum("bytesOut"), 0)::bigint AS "bytesOut"`;

export const ROLLUP_COLUMNS = `"teamId", "apiId", "apiKeyId", hour, requests, errors, charged, refunded, "latencySumMs", "latencyBuckets", "bytesIn", "bytesOut"`;

/** SELECT that turns events in `from` (a table or CTE name plus conditions) into rollup rows. */
export function rollupSelect(from: string): string {
  return `SELECT "teamId", "apiId", "apiKeyId", ${EVENT_HOUR} AS hour, ${ROLLUP_AGGREGATES}
FROM ${from}
GROUP BY "teamId", "apiId", "apiKeyId", ${EVENT_HOUR}`;
}

/**
 * Adds `excluded` into an existing rollup row. The bucket arrays are added element by element
 * (unnest pads the shorter with NULLs; ordinality keeps the order).
 */
export const ROLLUP_ADD = `ON CONFLICT ("teamId", "apiId", "apiKeyId", hour) DO UPDATE SET
  requests = usage_rollups.requests + excluded.requests,
  errors = usage_rollups.errors + excluded.errors,
  charged = usage_rollups.charged + excluded.charged,
  refunded = usage_rollups.refunded + excluded.refunded,
  "latencySumMs" = usage_rollups."latencySumMs" + excluded."latencySumMs",
  "latencyBuckets" = ARRAY(SELECT coalesce(b.old, 0) + coalesce(b.new, 0)
                           FROM unnest(usage_rollups."latencyBuckets", excluded."latencyBuckets") WITH ORDINALITY AS b(old, new, i)
                           ORDER BY b.i),
  "bytesIn" = usage_rollups."bytesIn" + excluded."bytesIn",
  "bytesOut" = usage_rollups."bytesOut" + excluded."bytesOut"`;
