// The usage writer's metrics (lib/gateway/usage-recorder.ts): how many events each batch wrote, how
// long its oldest event had waited in memory, the events waiting now, failed writes and drops.
import { counter, gauge, histogram, shared } from "@/lib/metrics/registry";

const sources = shared<{ pending: (() => number) | null }>("usage-metrics", () => ({ pending: null }));

const batchSize = histogram({
  name: "tollgate_usage_batch_size",
  help: "Usage events written per batch",
  buckets: [1, 5, 10, 25, 50, 100, 250, 500],
});
const batchLag = histogram({
  name: "tollgate_usage_batch_lag_seconds",
  help: "How long the oldest event of each written usage batch waited in memory (from its call's end to its write)",
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});
const dropped = counter({
  name: "tollgate_usage_dropped_events_total",
  help: "Usage events dropped because more than USAGE_BUFFER_MAX_EVENTS waited for the database",
});
const writeFailures = counter({ name: "tollgate_usage_write_failures_total", help: "Usage batch writes the database refused (retried)" });
gauge({
  name: "tollgate_usage_pending_events",
  help: "Usage events waiting in memory to be written",
  collect() {
    this.set(sources.pending?.() ?? 0);
  },
});

export function observeUsageBatch(size: number, lagSeconds: number): void {
  batchSize.observe(size);
  batchLag.observe(Math.max(lagSeconds, 0));
}

export function countUsageWriteFailure(): void {
  writeFailures.inc();
}

export function countUsageDrops(count: number): void {
  dropped.inc(count);
}

/** The usage writer tells how many events wait; read when the metrics are scraped. */
export function watchUsageBuffer(pending: () => number): void {
  sources.pending = pending;
}
