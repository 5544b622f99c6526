// A small in-process cache with a time to live, one load per key however many callers miss at the
// same moment, and invalidation that also wins against a load already in flight. Instances live on
// globalThis under a name, so every route bundle in the process shares one (and one invalidation).
// Each lookup counts as a hit or a miss in the metrics (lib/metrics), by the cache's name.
import { cacheCells, type CacheCells } from "@/lib/metrics/system-metrics";

type Entry<V> = { value: V; until: number };

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
    if (hit && hit.until > Date.now()) {
      this.counts.hit.value++;
      return hit.value;
    }
    this.counts.miss.value++;
    return this.load(key, load);
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
        this.entries.set(key, { value, until: Date.now() + (isEmpty?.(value) ? emptyTtlMs : ttlMs) });
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
