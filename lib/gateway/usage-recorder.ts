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
// The batch statement (usage-rows.ts) adds the inserted events into usage_rollups (hourly per team,
// API and key), so the rollups are exact: an event counts there exactly when its row was inserted,
// never for a duplicate request id, and never in a batch that failed (it is atomic, and is retried).
//
// `lastUsedAt` of keys rides along: at most one write per key per minute, never per request.
import { pgPool } from "@/lib/db";
import { usageBufferMaxEvents } from "@/lib/env";
import { retryPause } from "@/lib/retry-pause";
import { UsageQueue } from "@/lib/gateway/usage-queue";
import { watchBalances } from "@/lib/billing/balance-watch";
import { flushLeaseCharges } from "@/lib/billing/ledger/leases/credit-leases";
import { observeGatewayCall } from "@/lib/metrics/gateway-metrics";
import { countUsageDrops, countUsageWriteFailure, observeUsageBatch, watchUsageBuffer } from "@/lib/metrics/usage-metrics";
import { insertBatch, toRow, type UsageEvent, type UsageRow } from "@/lib/gateway/usage-rows";
import { noteClosedCalls } from "@/lib/gateway/open-calls-vacuum";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("usage");

const FLUSH_INTERVAL_MS = 250;
const BATCH_SIZE = 500;
const LAST_USED_EVERY_MS = 60_000;

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
  // The bound is for a database that does not take batches: a healthy buffer never outgrows one
  // batch, and reading the setting (process.env) on every call costs more than the check.
  if (state.failures > 0 || state.buffer.length > BATCH_SIZE) dropBeyondBound();
  if (state.failures > 0) return; // the database is failing: the retry timer writes
  if (state.buffer.length >= BATCH_SIZE && !state.flushing) writeFullBatches();
  writeIn(FLUSH_INTERVAL_MS);
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
  state.timer = setTimeout(() => void writeAfterCurrent(false), ms);
  state.timer.unref();
}

/** Writes everything buffered, until nothing is (shutdown, tests); resolves then, or when the database refused. */
export function flushUsage(): Promise<void> {
  return writeAfterCurrent(true);
}

/**
 * Waits for a write under way, then writes everything or (the timer's write) the events waiting
 * then. The timer's write leaves those recorded meanwhile to the next batch: one that went on until
 * the buffer was empty never ended on a busy gateway, and wrote a few dozen events every few
 * milliseconds (a batch per 32 calls in a bench), each after a flush of the lease writer that cut
 * its linger short.
 */
async function writeAfterCurrent(everything: boolean): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  while (state.flushing) await state.flushing;
  if (state.buffer.length === 0) return;
  await startWriting(everything ? Infinity : state.buffer.length);
}

/** Writes the whole batches waiting now; the rest is left to the timer. */
function writeFullBatches(): void {
  void startWriting(state.buffer.length - (state.buffer.length % BATCH_SIZE));
}

/** The one write under way (`state.flushing`): the oldest `count` events. */
function startWriting(count: number): Promise<void> {
  return (state.flushing = writeBuffered(count).finally(() => (state.flushing = null)));
}

/** This process's usage backlog (admin system page, metrics): events waiting, the time of the oldest (ISO), calls held until their settle. */
export const usageBacklog = () => ({ waiting: state.buffer.length, oldestAt: state.buffer.peek()?.at ?? null, held: state.held.size });

/** Whether events wait in the buffer or are being written right now. */
export function hasPendingUsage(): boolean {
  return state.buffer.length > 0 || state.flushing !== null;
}

/** Writes the oldest `count` events (fewer when fewer wait), in batches. */
async function writeBuffered(count: number): Promise<void> {
  for (let left = count; left > 0 && state.buffer.length > 0;) {
    const batch = state.buffer.take(Math.min(BATCH_SIZE, left));
    left -= batch.length;
    try {
      // A usage row closes its call's open_calls row: a call charged from a credit lease must have
      // its charge (and open call) written first, or the close would find nothing and a crash would
      // later refund an answered call.
      await flushLeaseCharges();
      await insertBatch(batch);
      noteClosedCalls(batch.length);
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
