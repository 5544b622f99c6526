// TtlCache (lib/cache/ttl-cache.ts): one load per key however many miss at once, a life per entry
// (a shorter one for "not found"), failures never cached, invalidation that wins against a load in
// flight, and a bound on its size. Time is Date's alone (faked); the loads are promises the tests resolve.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { cacheCells } from "@/lib/metrics/system-metrics";

const TTL_MS = 5_000;
const EMPTY_TTL_MS = 2_000;

/** A load whose answers the test gives, one per call, in order. */
function controlledLoad<V>() {
  const pending: { resolve: (value: V) => void; reject: (error: Error) => void }[] = [];
  const load = vi.fn(() => new Promise<V>((resolve, reject) => pending.push({ resolve, reject })));
  return { load, answer: (value: V) => pending.shift()!.resolve(value), fail: (error: Error) => pending.shift()!.reject(error) };
}

function newCache(name = `test-${randomUUID()}`, maxEntries?: number) {
  return new TtlCache<string | null>({ ttlMs: TTL_MS, emptyTtlMs: EMPTY_TTL_MS, isEmpty: (value) => value === null, maxEntries }, name);
}

/** The value of `key`, loaded through a miss. */
async function cached(cache: TtlCache<string | null>, key: string, value: string | null) {
  const { load, answer } = controlledLoad<string | null>();
  const first = cache.lookup(key, load);
  expect(first).toBeInstanceOf(Promise);
  answer(value);
  expect(await first).toBe(value);
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-07T12:00:00.000Z"), toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("TtlCache", () => {
  it("loads a key once for every lookup that misses while its load is in flight, then answers without a promise", async () => {
    const name = `test-${randomUUID()}`;
    const cache = newCache(name);
    const { load, answer } = controlledLoad<string | null>();
    const lookups = [cache.lookup("k", load), cache.lookup("k", load), cache.lookup("k", load)];
    answer("v1");
    expect(await Promise.all(lookups)).toEqual(["v1", "v1", "v1"]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.lookup("k", load)).toBe("v1");
    const counts = cacheCells(name);
    expect([counts.miss.value, counts.hit.value]).toEqual([3, 1]);
  });

  it("serves an entry for its time to live, then loads it again", async () => {
    const cache = newCache();
    await cached(cache, "k", "v1");
    vi.advanceTimersByTime(TTL_MS - 1);
    expect(cache.lookup("k", controlledLoad<string | null>().load)).toBe("v1");
    vi.advanceTimersByTime(1);
    await cached(cache, "k", "v2"); // a miss again
  });

  it("keeps 'not found' for emptyTtlMs only, so a name created meanwhile appears soon", async () => {
    const cache = newCache();
    await cached(cache, "new-key", null);
    vi.advanceTimersByTime(EMPTY_TTL_MS - 1);
    expect(cache.lookup("new-key", controlledLoad<string | null>().load)).toBeNull();
    vi.advanceTimersByTime(1);
    await cached(cache, "new-key", "created"); // a miss again
  });

  it("never caches a failed load: its callers see the failure, and the next lookup loads again", async () => {
    const cache = newCache();
    const { load, answer, fail } = controlledLoad<string | null>();
    const failed = cache.lookup("k", load);
    fail(new Error("the database is away"));
    await expect(failed).rejects.toThrow("the database is away");
    const again = cache.lookup("k", load);
    expect(again).toBeInstanceOf(Promise);
    answer("v1");
    expect(await again).toBe("v1");
  });

  it("does not cache a load that an invalidation overtook", async () => {
    const cache = newCache();
    const { load, answer } = controlledLoad<string | null>();
    const stale = cache.lookup("k", load);
    cache.delete("k"); // a revocation, announced while the load read the old row
    answer("stale");
    expect(await stale).toBe("stale"); // its own caller asked before the change
    const fresh = cache.lookup("k", load);
    expect(fresh).toBeInstanceOf(Promise);
    answer("revoked");
    expect(await fresh).toBe("revoked");
  });

  it("keeps at most maxEntries: a new key evicts the oldest, a reload of a key it holds evicts nothing", async () => {
    const cache = newCache(`test-${randomUUID()}`, 2);
    await cached(cache, "a", "a1");
    await cached(cache, "made-up", null);
    vi.advanceTimersByTime(EMPTY_TTL_MS); // "made-up" expired, "a" has 3 s to live
    await cached(cache, "made-up", null); // reloaded in place
    const { load } = controlledLoad<string | null>();
    expect(cache.lookup("a", load)).toBe("a1");

    await cached(cache, "c", "c1"); // a third key: "a", the oldest, goes
    expect(cache.lookup("made-up", load)).toBeNull();
    expect(cache.lookup("c", load)).toBe("c1");
    expect(cache.lookup("a", load)).toBeInstanceOf(Promise);
  });
});
