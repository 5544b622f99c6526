// TtlCache (lib/cache/ttl-cache.ts): one load per key however many miss at once, invalidation that
// wins against a load in flight, and refresh ahead: a hit in the second half of an entry's life is
// answered from the entry and reloads it in the background, while no value older than the time to
// live is ever served. Time is Date's alone (faked); the loads are promises the tests resolve.
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

function newCache() {
  return new TtlCache<string | null>(
    { ttlMs: TTL_MS, emptyTtlMs: EMPTY_TTL_MS, isEmpty: (value) => value === null },
    `test-${randomUUID()}`,
  );
}

/** Lets the promise callbacks of a resolved load run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-07T12:00:00.000Z"), toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

async function cached(cache: TtlCache<string | null>, key: string, value: string | null) {
  const { load, answer } = controlledLoad<string | null>();
  const first = cache.lookup(key, load);
  answer(value);
  expect(await first).toBe(value);
  return load;
}

describe("TtlCache", () => {
  it("loads a key once for every lookup that misses while its load is in flight", async () => {
    const cache = newCache();
    const { load, answer } = controlledLoad<string | null>();
    const lookups = [cache.lookup("k", load), cache.lookup("k", load), cache.lookup("k", load)];
    answer("v1");
    expect(await Promise.all(lookups)).toEqual(["v1", "v1", "v1"]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.lookup("k", load)).toBe("v1"); // a hit: the value itself, no promise
  });

  it("answers a hit in the first half of the entry's life from the entry, without a load", async () => {
    const cache = newCache();
    await cached(cache, "k", "v1");
    const later = controlledLoad<string | null>();
    vi.advanceTimersByTime(TTL_MS / 2 - 1);
    expect(cache.lookup("k", later.load)).toBe("v1");
    expect(later.load).not.toHaveBeenCalled();
  });

  it("answers a hit in the second half from the entry and reloads it once in the background; the reload's value serves next", async () => {
    const name = `test-${randomUUID()}`;
    const cache = new TtlCache<string | null>({ ttlMs: TTL_MS }, name);
    await cached(cache, "k", "v1");
    vi.advanceTimersByTime(TTL_MS / 2);
    const refresh = controlledLoad<string | null>();
    expect(cache.lookup("k", refresh.load)).toBe("v1");
    expect(cache.lookup("k", refresh.load)).toBe("v1"); // the reload is in flight: not a second one
    expect(refresh.load).toHaveBeenCalledTimes(1);
    // The metrics tell the three apart: the first load missed, one hit reloaded, one hit did not.
    const counts = cacheCells(name);
    expect([counts.miss.value, counts.refresh.value, counts.hit.value]).toEqual([1, 1, 1]);

    refresh.answer("v2");
    await settle();
    expect(cache.lookup("k", refresh.load)).toBe("v2");

    // The reloaded entry has a life of its own: a whole TTL from the reload, not from the first load.
    vi.advanceTimersByTime(TTL_MS - 1);
    const untouched = controlledLoad<string | null>();
    expect(cache.lookup("k", untouched.load)).toBe("v2");
    expect(untouched.load).toHaveBeenCalledTimes(1); // past its half: reloads again, in the background
  });

  it("keeps a key in use from ever making a caller wait, however its calls are spaced", async () => {
    const cache = newCache();
    await cached(cache, "k", "v0");
    const { load, answer } = controlledLoad<string | null>();
    // A call every 3 s: without refresh ahead, every other call (at an age of 6 s) would miss.
    for (let call = 1; call <= 10; call++) {
      vi.advanceTimersByTime(3_000);
      const value = cache.lookup("k", load);
      expect(value).toBe(`v${call - 1}`);
      answer(`v${call}`);
      await settle();
    }
    expect(load).toHaveBeenCalledTimes(10);
  });

  it("never serves a value older than its time to live: a failed reload leaves the entry to expire, and the next try waits", async () => {
    const cache = newCache();
    await cached(cache, "k", "v1");
    vi.advanceTimersByTime(TTL_MS - 1_000);
    const refresh = controlledLoad<string | null>();
    expect(cache.lookup("k", refresh.load)).toBe("v1");
    refresh.fail(new Error("the database is away"));
    await settle(); // no unhandled rejection: the test run would fail on one

    // A tenth of the life (500 ms) before the next try: a refusing database is not asked on every hit.
    vi.advanceTimersByTime(TTL_MS / 10 - 1);
    expect(cache.lookup("k", refresh.load)).toBe("v1");
    expect(refresh.load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(cache.lookup("k", refresh.load)).toBe("v1");
    expect(refresh.load).toHaveBeenCalledTimes(2);
    refresh.fail(new Error("still away"));
    await settle();

    vi.advanceTimersByTime(TTL_MS / 10); // the entry's life is over: a miss, and the caller waits for the load
    const miss = controlledLoad<string | null>();
    const value = cache.lookup("k", miss.load);
    expect(value).toBeInstanceOf(Promise);
    miss.answer("v2");
    expect(await value).toBe("v2");
  });

  it("drops a reload that an invalidation overtook: the next lookup loads afresh", async () => {
    const cache = newCache();
    await cached(cache, "k", "v1");
    vi.advanceTimersByTime(TTL_MS / 2);
    const refresh = controlledLoad<string | null>();
    expect(cache.lookup("k", refresh.load)).toBe("v1");
    cache.delete("k"); // a revocation, announced while the reload read the old row
    refresh.answer("stale");
    await settle();

    const fresh = controlledLoad<string | null>();
    const value = cache.lookup("k", fresh.load);
    expect(value).toBeInstanceOf(Promise);
    fresh.answer("revoked");
    expect(await value).toBe("revoked");
  });

  it("does not refresh a 'not found' entry ahead: made-up names cost one load per name per emptyTtlMs", async () => {
    const cache = newCache();
    await cached(cache, "made-up", null);
    const { load } = controlledLoad<string | null>();
    vi.advanceTimersByTime(EMPTY_TTL_MS - 1);
    expect(cache.lookup("made-up", load)).toBeNull();
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(cache.lookup("made-up", load)).toBeInstanceOf(Promise);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("keeps at most maxEntries, evicting the oldest new key, never for a reload of a key it holds", async () => {
    const cache = new TtlCache<string>({ ttlMs: TTL_MS, maxEntries: 2 }, `test-${randomUUID()}`);
    for (const key of ["a", "b"]) {
      const { load, answer } = controlledLoad<string>();
      const value = cache.lookup(key, load);
      answer(`${key}1`);
      await value;
    }
    vi.advanceTimersByTime(TTL_MS / 2);
    const refresh = controlledLoad<string>();
    expect(cache.lookup("b", refresh.load)).toBe("b1");
    refresh.answer("b2");
    await settle();
    const kept = controlledLoad<string>();
    expect(cache.lookup("a", kept.load)).toBe("a1"); // "a" survived b's reload (and this hit reloads it)
    kept.answer("a2");
    await settle();

    const { load, answer } = controlledLoad<string>();
    const c = cache.lookup("c", load);
    answer("c1");
    await c;
    expect(cache.lookup("c", load)).toBe("c1");
    const evicted = controlledLoad<string>();
    expect(cache.lookup("a", evicted.load)).toBeInstanceOf(Promise); // the oldest key went for "c"
  });
});
