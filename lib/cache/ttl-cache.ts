// A small in-process cache with a time to live, one load per key however many callers miss at the
// same moment, and invalidation that also wins against a load already in flight. Instances live on
// globalThis under a name, so every route bundle in the process shares one (and one invalidation).
// Each lookup counts as a hit, a refresh (below) or a miss in the metrics (lib/metrics), by the cache's name.
//
// Refresh ahead: an entry hit in the second half of its life is reloaded in the background while
// the caller is answered from it. A key, API or subscription in use then never makes a call wait
// for the database, however its calls are spaced (a key calling every 3 s with a 5 s life missed
// every other call, or every call on two instances), and a value served is still never older
// than its time to live: the bound the callers document (the key cache's revocation bound) holds.
// "Not found" entries are not refreshed ahead: a flood of made-up names keeps costing one load per
// name per emptyTtlMs.
import { cacheCells, type CacheCells } from "@/lib/metrics/system-metrics";

/** `refreshAt`: from then on, a hit also starts a reload (Infinity: never, for "not found"). */
type Entry<V> = { value: V; until: number; refreshAt: number };

type TtlCacheOptions<V> = {
  ttlMs: number;
  /** shorter life for "not found" results, so made-up names cost little but appear soon */
  emptyTtlMs?: number;
  isEmpty?: (value: V) => boolean;
  maxEntries?: number;
};

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  /** bumped by every invalidation, so a load that started before it is not cached after it */
  private generation = 0;
  private readonly counts: CacheCells;

  constructor(
    private readonly options: TtlCacheOptions<V>,
    name = "unnamed",
  ) {
    this.counts = cacheCells(name);
  }

  static shared<V>(name: string, options: TtlCacheOptions<V>): TtlCache<V> {
    const registry = globalThis as typeof globalThis & { __tollgateCaches?: Map<string, TtlCache<unknown>> };
    const caches = (registry.__tollgateCaches ??= new Map());
    if (!caches.has(name)) caches.set(name, new TtlCache<V>(options, name) as TtlCache<unknown>);
    return caches.get(name) as TtlCache<V>;
  }

  /**
   * The value without a promise when a fresh entry exists (the hot path awaits only on a miss),
   * otherwise a promise of the loaded value.
   */
  lookup(key: string, load: () => Promise<V>): V | Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      const now = Date.now();
      if (hit.until > now) {
        if (hit.refreshAt <= now && !this.loading.has(key)) this.refreshAhead(key, load);
        else this.counts.hit.value++;
        return hit.value;
      }
    }
    this.counts.miss.value++;
    return this.load(key, load);
  }

  /**
   * A reload in the background: it replaces the entry when it comes, unless an invalidation came
   * first, and a miss meanwhile waits for it rather than loading twice. A failed reload leaves the
   * entry to expire at its time, as without the refresh (its caller was already answered), and the
   * next try waits a tenth of the entry's life: a database that refuses is not asked on every hit.
   */
  private refreshAhead(key: string, load: () => Promise<V>): void {
    this.counts.refresh.value++;
    this.load(key, load).catch(() => {
      const entry = this.entries.get(key);
      if (entry) entry.refreshAt = Date.now() + this.options.ttlMs / 10;
    });
  }

  private load(key: string, load: () => Promise<V>): Promise<V> {
    const pending = this.loading.get(key);
    if (pending) return pending;

    const generation = this.generation;
    const promise = load().finally(() => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    });
    this.loading.set(key, promise);
    promise.then(
      (value) => {
        if (generation !== this.generation) return;
        const { ttlMs, emptyTtlMs = ttlMs, isEmpty, maxEntries = 50_000 } = this.options;
        // A reload replaces its entry in place; only a new key can make the map outgrow its bound.
        if (this.entries.size >= maxEntries && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
        const now = Date.now();
        const empty = isEmpty?.(value) ?? false;
        this.entries.set(key, { value, until: now + (empty ? emptyTtlMs : ttlMs), refreshAt: empty ? Infinity : now + ttlMs / 2 });
      },
      () => undefined, // failures are not cached; the caller sees the rejection
    );
    return promise;
  }

  delete(key: string): void {
    this.generation++;
    this.loading.delete(key);
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.loading.clear();
    this.entries.clear();
  }
}
