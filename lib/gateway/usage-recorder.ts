// Usage events, written in batches off the hot path. A call pushes its event into an in-process
// buffer when its response has finished; the buffer is flushed every FLUSH_INTERVAL_MS or when
// BATCH_SIZE events wait, as one multi-row INSERT. `flushUsage()` runs on shutdown (instrumentation.ts)
// after the server has finished answering, so SIGTERM loses nothing that was answered.
//
// The same statement adds the inserted events into usage_rollups (hourly per team, API and key), so
// the rollups are exact: an event counts there exactly when its row was inserted, never for a
// duplicate request id, and never in a batch that failed (the statement is atomic, and is retried).
//
// `lastUsedAt` of keys rides along: at most one write per key per minute, never per request.
import { pgPool } from "@/lib/db";
import { watchBalances } from "@/lib/billing/balance-watch";
import { ROLLUP_ADD, ROLLUP_COLUMNS, ROLLUP_ELIGIBLE, rollupSelect } from "@/lib/usage/rollup-aggregates";

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
};

const FLUSH_INTERVAL_MS = 250;
const BATCH_SIZE = 500;
/** beyond this many unwritten events (database down for a long time) the oldest are dropped, loudly */
const MAX_BUFFERED = 200_000;
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
                            "bytesIn", "bytesOut", charged, refunded, "createdAt")
  SELECT u.* FROM json_to_recordset($1::json)
         AS u(r text, t text, k text, a text, m text, p text, s int, e text, l int, bi bigint, bo bigint, c bigint, rf bigint, at timestamptz)
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
  };
}

const TOUCH_KEYS = `
UPDATE api_keys SET "lastUsedAt" = used.at
FROM unnest($1::text[], $2::timestamptz[]) AS used(id, at)
WHERE api_keys.id = used.id AND (api_keys."lastUsedAt" IS NULL OR api_keys."lastUsedAt" < used.at)`;

type RecorderState = {
  buffer: UsageRow[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  keyTouchedAt: Map<string, number>;
};

// On globalThis: instrumentation.ts and the gateway route are separate bundles but one process.
const globalRecorder = globalThis as typeof globalThis & { __tollgateUsage?: RecorderState };
const state: RecorderState = (globalRecorder.__tollgateUsage ??= {
  buffer: [],
  timer: null,
  flushing: null,
  keyTouchedAt: new Map(),
});

export function recordUsage(event: UsageEvent): void {
  state.buffer.push(toRow(event));
  if (state.buffer.length > MAX_BUFFERED) {
    const dropped = state.buffer.splice(0, state.buffer.length - MAX_BUFFERED);
    console.error(`[usage] database unreachable for too long: dropped ${dropped.length} usage events`);
  }
  if (state.buffer.length >= BATCH_SIZE) void flushUsage();
  else if (!state.timer) {
    state.timer = setTimeout(() => void flushUsage(), FLUSH_INTERVAL_MS);
    state.timer.unref();
  }
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

/** Whether events wait in the buffer or are being written right now. */
export function hasPendingUsage(): boolean {
  return state.buffer.length > 0 || state.flushing !== null;
}

async function writeBuffered(): Promise<void> {
  while (state.buffer.length > 0) {
    const batch = state.buffer.splice(0, BATCH_SIZE);
    try {
      await insertBatch(batch);
      await touchKeys(batch);
      watchTeams(batch);
    } catch (error) {
      // Keep the events and retry later; usage must not be lost to a brief database outage.
      state.buffer.unshift(...batch);
      console.error(`[usage] could not write ${batch.length} usage events, retrying:`, (error as Error).message);
      state.timer ??= setTimeout(() => void flushUsage(), FLUSH_INTERVAL_MS * 8);
      state.timer.unref();
      return;
    }
  }
}

/** Hands the batch's charged teams to the balance watcher; its failures never block usage. */
function watchTeams(batch: UsageRow[]): void {
  const teamIds = [...new Set(batch.filter((row) => row.t && row.c !== "0").map((row) => row.t!))];
  if (teamIds.length === 0) return;
  watchBalances(teamIds).catch((error) => console.error("[billing] balance watch failed:", (error as Error).message));
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
