// Metrics of what the app runs on: the database pool (lib/db.ts), the in-process caches
// (lib/cache/ttl-cache.ts: keys, APIs, subscriptions, models, tools, DNS) and the shared rate-limit
// store (lib/redis).
import { fastCounter, type CounterCell } from "@/lib/metrics/fast-counter";
import { counter, gauge, shared } from "@/lib/metrics/registry";
import { redisRateLimitState, type RedisRateLimitMode } from "@/lib/redis/rate-limit-state";

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

const RATE_LIMIT_MODES: RedisRateLimitMode[] = ["redis", "fallback", "off"];

gauge({
  name: "tollgate_rate_limit_store",
  help: "Where this process counts rate limits: 1 for the current mode (redis: shared; fallback: Redis does not answer, counted locally; off: no REDIS_URL)",
  labelNames: ["mode"],
  collect() {
    const { mode } = redisRateLimitState();
    for (const each of RATE_LIMIT_MODES) this.set({ mode: each }, each === mode ? 1 : 0);
  },
});
counter({
  name: "tollgate_rate_limit_fallbacks_total",
  help: "Rate-limit checks this process counted locally because Redis did not answer",
  collect() {
    this.reset();
    this.inc(redisRateLimitState().fallbacks);
  },
});
counter({
  name: "tollgate_rate_limit_outages_total",
  help: "Times this process found Redis not answering (each logged once)",
  collect() {
    this.reset();
    this.inc(redisRateLimitState().outages);
  },
});
