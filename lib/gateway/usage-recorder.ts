// Usage events, written in batches off the hot path. A call pushes its event into an in-process
// buffer when its response has finished; the buffer is flushed every FLUSH_INTERVAL_MS or when
// BATCH_SIZE events wait, as one multi-row INSERT. `flushUsage()` runs on shutdown (instrumentation.ts)
// after the server has finished answering, so SIGTERM loses nothing that was answered.
//
// When the database cannot take a batch, the events stay in the buffer and the writer retries after
// 0.5 s, doubling the pause up to 10 s (retry-pause.ts); meanwhile new events only join the buffer
// (recordUsage never waits). At most USAGE_BUFFER_MAX_EVENTS wait (plus the batch being written):
// beyond that the oldest are dropped, and the next write attempt logs how many (README, "When the
// database is unavailable").
//
// The same statement adds the inserted events into usage_rollups (hourly per team, API and key), so
// the rollups are exact: an event counts there exactly when its row was inserted, never for a
// duplicate request id, and never in a batch that failed (the statement is atomic, and is retried).
//
// `lastUsedAt` of keys rides along: at most one write per key per minute, never per request.
import { pgPool } from "@/lib/db";
import { usageBufferMaxEvents } from "@/lib/env";
import { retryPause } from "@/lib/gateway/retry-pause";
import { UsageQueue } from "@/lib/gateway/usage-queue";
import { watchBalances } from "@/lib/billing/balance-watch";
import { flushLeaseCharges } from "@/lib/billing/ledger/leases/credit-leases";
import { observeGatewayCall } from "@/lib/metrics/gateway-metrics";
import { countUsageDrops, countUsageWriteFailure, observeUsageBatch, watchUsageBuffer } from "@/lib/metrics/usage-metrics";
import { ROLLUP_ADD, ROLLUP_COLUMNS, ROLLUP_ELIGIBLE, rollupSelect } from "@/lib/usage/rollup-aggregates";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("usage");

export type UsageEvent = {
  requestId: string;
  teamId: string | null;
  apiKeyId: string | null;
  apiId: string | null;
  method: string;
  path: string;
  status: number;
  errorCode: string | null;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  charged: bigint;
  refunded: bigint;
  createdAt: Date;
  /** AI calls (lib/ai): the model's public id, the canonical token counts and where they came from */
  ai?: { model: string; inputTokens: number; cachedInputTokens: number; outputTokens: number; source: "PROVIDER" | "COUNTED" | "PARTIAL" };
  /** a tool call of the MCP server (lib/mcp): stored as channel `mcp` and the tool's name */
  mcpTool?: string;
  /** a Prompt API call (lib/prompt-apis): the version of the prompt that served it */
  promptVersion?: number;
  /** for the metrics only (lib/metrics), not stored: the API's slug, the gateway's and the upstream's time */
  apiSlug?: string;
  overheadMs?: number;
  upstreamMs?: number;
};

const FLUSH_INTERVAL_MS = 250;
const BATCH_SIZE = 500;
const LAST_USED_EVERY_MS = 60_000;

// Rows whose team, key or API was deleted meanwhile are skipped: a foreign key failure must not
// block the whole batch forever. Only the rows actually inserted (RETURNING) roll up. Events go in
// in request id order and rollup rows in the order of their unique key, so two instances flushing
// batches that overlap (a retried batch) take their locks in the same order and cannot deadlock.
// The same statement closes the batch's open calls (written by the charge): a call is recorded and
// no longer open in one step, so a crash leaves it either open (and reconciled) or recorded.
const INSERT_USAGE = `
WITH recorded_calls AS (
  DELETE FROM open_calls WHERE "requestId" IN (SELECT u.r FROM json_to_recordset($1::json) AS u(r text, c bigint) WHERE u.c > 0)
), inserted AS (
  INSERT INTO usage_events ("requestId", "teamId", "apiKeyId", "apiId", method, path, status, "errorCode", "latencyMs",
                            "bytesIn", "bytesOut", charged, refunded, "createdAt",
                            model, "inputTokens", "cachedInputTokens", "outputTokens", "usageSource", channel, tool, "promptVersion")
  SELECT u.r, u.t, u.k, u.a, u.m, u.p, u.s, u.e, u.l, u.bi, u.bo, u.c, u.rf, u.at, u.md, u.it, u.ct, u.ot, u.us::"UsageSource",
         CASE WHEN u.tl IS NULL THEN NULL ELSE 'mcp' END, u.tl, u.pv
  FROM json_to_recordset($1::json)
         AS u(r text, t text, k text, a text, m text, p text, s int, e text, l int, bi bigint, bo bigint, c bigint, rf bigint, at timestamptz,
              md text, it int, ct int, ot int, us text, tl text, pv int)
  WHERE (u.t IS NULL OR EXISTS (SELECT 1 FROM teams WHERE id = u.t))
    AND (u.k IS NULL OR EXISTS (SELECT 1 FROM api_keys WHERE id = u.k))
    AND (u.a IS NULL OR EXISTS (SELECT 1 FROM apis WHERE id = u.a))
  ORDER BY u.r
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING "teamId", "apiId", "apiKeyId", status, "latencyMs", "bytesIn", "bytesOut", charged, refunded, "createdAt"
)
INSERT INTO usage_rollups (${ROLLUP_COLUMNS})
${rollupSelect(`inserted WHERE ${ROLLUP_ELIGIBLE}`)}
ORDER BY 1, 2, 3, 4
${ROLLUP_ADD}`;

/** An event as it travels to the database: one JSON document per batch is the cheapest encoding. */
type UsageRow = {
  r: string;
  t: string | null;
  k: string | null;
  a: string | null;
  m: string;
  p: string;
  s: number;
  e: string | null;
  l: number;
  bi: number;
  bo: number;
  c: string;
  rf: string;
  at: string;
  md?: string;
  it?: number;
  ct?: number;
  ot?: number;
  us?: string;
  tl?: string;
  pv?: number;
};

export function toRow(event: UsageEvent): UsageRow {
  return {
    r: event.requestId,
    t: event.teamId,
    k: event.apiKeyId,
    a: event.apiId,
    m: event.method,
    p: event.path,
    s: event.status,
    e: event.errorCode,
    l: event.latencyMs,
    bi: event.bytesIn,
    bo: event.bytesOut,
    c: event.charged.toString(),
    rf: event.refunded.toString(),
    at: event.createdAt.toISOString(),
    // Absent keys read as NULL: REST calls carry no AI fields and pay nothing for them in the JSON.
    ...(event.ai && {
      md: event.ai.model,
      it: event.ai.inputTokens,
      ct: event.ai.cachedInputTokens,
      ot: event.ai.outputTokens,
      us: event.ai.source,
    }),
    ...(event.mcpTool && { tl: event.mcpTool }),
    ...(event.promptVersion !== undefined && { pv: event.promptVersion }),
  };
}

const TOUCH_KEYS = `
UPDATE api_keys SET "lastUsedAt" = used.at
FROM unnest($1::text[], $2::timestamptz[]) AS used(id, at)
WHERE api_keys.id = used.id AND (api_keys."lastUsedAt" IS NULL OR api_keys."lastUsedAt" < used.at)`;

type RecorderState = {
  buffer: UsageQueue<UsageRow>;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  keyTouchedAt: Map<string, number>;
  /** failed writes in a row; while there are any, only the retry timer writes */
  failures: number;
  /** events dropped at the bound since the last report */
  dropped: number;
  /** calls whose event waits for their charge to be settled (holdUsage), with the event once recorded */
  held: Map<string, UsageEvent | null>;
};

// On globalThis: instrumentation.ts and the gateway route are separate bundles but one process.
// (Named for this shape of the state: a development reload of an older copy starts afresh.)
const globalRecorder = globalThis as typeof globalThis & { __tollgateUsageWriter?: RecorderState };
const state: RecorderState = (globalRecorder.__tollgateUsageWriter ??= {
  buffer: new UsageQueue(),
  timer: null,
  flushing: null,
  keyTouchedAt: new Map(),
  failures: 0,
  dropped: 0,
  held: new Map(),
});
watchUsageBuffer(() => state.buffer.length);

export function recordUsage(event: UsageEvent): void {
  if (state.held.has(event.requestId)) return void state.held.set(event.requestId, event);
  observeGatewayCall(event); // once per call, with its final charge and refund
  state.buffer.push(toRow(event));
  dropBeyondBound();
  if (state.failures > 0) return; // the database is failing: the retry timer writes
  if (state.buffer.length >= BATCH_SIZE && !state.flushing) void flushUsage();
  else writeIn(FLUSH_INTERVAL_MS);
}

/** Keeps the event of `requestId` out of the buffer until releaseUsage: what the call was charged is not known yet. */
export function holdUsage(requestId: string): void {
  state.held.set(requestId, null);
}

/** Records a held event with the amounts its settlement found. */
export function releaseUsage(requestId: string, amounts: Pick<UsageEvent, "charged" | "refunded">): void {
  const event = state.held.get(requestId);
  state.held.delete(requestId);
  if (event) recordUsage({ ...event, ...amounts });
}

/** A write in `ms` unless one is already planned. */
function writeIn(ms: number): void {
  if (state.timer) return;
  state.timer = setTimeout(() => void flushUsage(), ms);
  state.timer.unref();
}

/** Writes everything buffered; resolves when the buffer is empty or the database refused. */
export async function flushUsage(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  while (state.flushing) await state.flushing;
  if (state.buffer.length === 0) return;
  state.flushing = writeBuffered().finally(() => (state.flushing = null));
  await state.flushing;
}

/** This process's usage backlog (admin system page, metrics): events waiting, the time of the oldest (ISO), calls held until their settle. */
export const usageBacklog = () => ({ waiting: state.buffer.length, oldestAt: state.buffer.peek()?.at ?? null, held: state.held.size });

/** Whether events wait in the buffer or are being written right now. */
export function hasPendingUsage(): boolean {
  return state.buffer.length > 0 || state.flushing !== null;
}

async function writeBuffered(): Promise<void> {
  while (state.buffer.length > 0) {
    const batch = state.buffer.take(BATCH_SIZE);
    try {
      // A usage row closes its call's open_calls row: a call charged from a credit lease must have
      // its charge (and open call) written first, or the close would find nothing and a crash would
      // later refund an answered call.
      await flushLeaseCharges();
      await insertBatch(batch);
      observeUsageBatch(batch.length, batchLagSeconds(batch[0]!));
      await touchKeys(batch);
      watchTeams(batch);
      state.failures = 0;
    } catch (error) {
      // Keep the events and retry later; usage must not be lost to a database outage.
      countUsageWriteFailure();
      state.buffer.putBack(batch);
      dropBeyondBound();
      reportDrops();
      const pause = retryPause(++state.failures);
      log.error(
        { events: batch.length, waiting: state.buffer.length, retryInMs: pause, err: error },
        "could not write usage events; retrying",
      );
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      writeIn(pause);
      return;
    }
  }
  reportDrops();
}

/** How long an event waited in memory: it joined the buffer when its call ended (received + latency). */
function batchLagSeconds(oldest: UsageRow): number {
  return (Date.now() - Date.parse(oldest.at) - oldest.l) / 1000;
}

/** Beyond the bound the oldest events go: memory stays bounded however long the database is down. */
function dropBeyondBound(): void {
  const excess = state.buffer.length - usageBufferMaxEvents();
  if (excess <= 0) return;
  state.buffer.drop(excess);
  state.dropped += excess;
  countUsageDrops(excess);
}

function reportDrops(): void {
  if (state.dropped === 0) return;
  log.error(
    { dropped: state.dropped, bufferMaxEvents: usageBufferMaxEvents() },
    "the database has not taken usage for too long: dropped the oldest usage events (USAGE_BUFFER_MAX_EVENTS)",
  );
  state.dropped = 0;
}

/** Hands the batch's charged teams to the balance watcher; its failures never block usage. */
function watchTeams(batch: UsageRow[]): void {
  const teamIds = [...new Set(batch.filter((row) => row.t && row.c !== "0").map((row) => row.t!))];
  if (teamIds.length === 0) return;
  watchBalances(teamIds).catch((error) => moduleLogger("billing").error({ err: error }, "balance watch failed"));
}

/** One statement: the events and their rollups. Exported for the tests of concurrent flushes. */
export async function insertBatch(batch: UsageRow[]): Promise<void> {
  await pgPool().query({ name: "tollgate_usage_insert", text: INSERT_USAGE, values: [JSON.stringify(batch)] });
}

async function touchKeys(batch: UsageRow[]): Promise<void> {
  const now = Date.now();
  const latest = new Map<string, string>();
  for (const row of batch) {
    if (!row.k) continue;
    if (now - (state.keyTouchedAt.get(row.k) ?? 0) < LAST_USED_EVERY_MS) continue;
    latest.set(row.k, row.at);
  }
  if (latest.size === 0) return;
  for (const id of latest.keys()) state.keyTouchedAt.set(id, now);
  await pgPool().query(TOUCH_KEYS, [[...latest.keys()], [...latest.values()]]);
}
