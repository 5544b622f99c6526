// Usage events written straight through the recorder's statement (lib/gateway/usage-recorder.ts
// insertBatch), for tests that need many calls at chosen times, statuses and latencies.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { insertBatch, toRow, type UsageEvent } from "@/lib/gateway/usage-rows";
import { ROLLUP_COLUMNS, ROLLUP_ELIGIBLE, rollupSelect } from "@/lib/usage/rollup-aggregates";
import { createGatewayFixture, createRawKey } from "../support/gateway-factories";

/** A team with two APIs and two keys; the upstream is never called. */
export async function createUsageTeam() {
  const first = await createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9" });
  const second = await db.api.create({
    data: {
      slug: `${first.slug}-b`,
      name: `Second ${first.slug}`,
      status: "PUBLISHED",
      upstreamBaseUrl: "http://127.0.0.1:9",
      publishedAt: new Date(),
    },
  });
  const otherKey = await createRawKey(first.team.id);
  await db.apiKey.update({ where: { id: otherKey.keyRow.id }, data: { name: "second key" } });
  return { team: first.team, owner: first.owner, apis: [first.api, second], keys: [first.keyRow, otherKey.keyRow] };
}

export function usageEvent(overrides: Partial<UsageEvent> & Pick<UsageEvent, "teamId" | "apiId" | "apiKeyId">): UsageEvent {
  return {
    requestId: `req_${crypto.randomBytes(8).toString("hex")}`,
    method: "GET",
    path: "/echo",
    status: 200,
    errorCode: null,
    latencyMs: 12,
    bytesIn: 10,
    bytesOut: 100,
    charged: 1_000n,
    refunded: 0n,
    createdAt: new Date(),
    ...overrides,
  };
}

export const writeEvents = (events: UsageEvent[]) => insertBatch(events.map(toRow));

type RollupRow = Record<string, unknown>;

const normalize = (rows: RollupRow[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        Array.isArray(value)
          ? value.map(Number)
          : typeof value === "bigint"
            ? Number(value)
            : value instanceof Date
              ? value.toISOString()
              : value,
      ]),
    ),
  );

/** The team's usage_rollups rows and the same aggregation recomputed from its raw events. */
export async function rollupsAndRawAggregates(teamId: string) {
  const columns = ROLLUP_COLUMNS;
  const stored = await db.$queryRawUnsafe<RollupRow[]>(`SELECT ${columns} FROM usage_rollups WHERE "teamId" = $1 ORDER BY 2, 3, 4`, teamId);
  const recomputed = await db.$queryRawUnsafe<RollupRow[]>(
    `SELECT * FROM (${rollupSelect(`usage_events WHERE "teamId" = $1 AND ${ROLLUP_ELIGIBLE}`)}) r ORDER BY 2, 3, 4`,
    teamId,
  );
  return { stored: normalize(stored), recomputed: normalize(recomputed) };
}
