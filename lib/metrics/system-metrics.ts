// Metrics of what the app runs on: the database pool (lib/db.ts) and the in-process caches
// (lib/cache/ttl-cache.ts: keys, APIs, subscriptions, models, tools, DNS).
import { fastCounter, type CounterCell } from "@/lib/metrics/fast-counter";
import { counter, gauge, shared } from "@/lib/metrics/registry";

/** What the metrics read of a pg.Pool. */
type PoolCounts = { totalCount: number; idleCount: number; waitingCount: number };

const pools = shared<{ pool: PoolCounts | null }>("db-pool-metrics", () => ({ pool: null }));

gauge({
  name: "tollgate_db_pool_connections",
  help: "Connections of this process's database pool, by state: in_use or idle",
  labelNames: ["state"],
  collect() {
    const pool = pools.pool;
    this.set({ state: "in_use" }, pool ? pool.totalCount - pool.idleCount : 0);
    this.set({ state: "idle" }, pool?.idleCount ?? 0);
  },
});
gauge({
  name: "tollgate_db_pool_waiting",
  help: "Queries waiting for a connection of this process's database pool",
  collect() {
    this.set(pools.pool?.waitingCount ?? 0);
  },
});
const dbErrors = counter({
  name: "tollgate_db_errors_total",
  help: "Database errors by kind: idle_connection (a pooled connection broke), query (a statement failed, timeouts included)",
  labelNames: ["kind"],
});

/** lib/db.ts hands its pool over when it creates it. */
export function watchDbPool(pool: PoolCounts): void {
  pools.pool = pool;
}

export function countDbError(kind: "idle_connection" | "query"): void {
  dbErrors.inc({ kind });
}

const cacheLookups = fastCounter("tollgate_cache_lookups_total", "In-process cache lookups by cache and result (hit or miss)", [
  "cache",
  "result",
]);

export type CacheCells = { hit: CounterCell; miss: CounterCell };

/** The counters of one named cache; the cache keeps them and adds one per lookup. */
export function cacheCells(cache: string): CacheCells {
  return shared(`cache-cells:${cache}`, () => ({ hit: cacheLookups.cell(cache, "hit"), miss: cacheLookups.cell(cache, "miss") }));
}
