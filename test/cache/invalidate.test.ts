// The invalidation registry (lib/cache/invalidate.ts): a change announced by name reaches the
// handlers registered in this process at once, whichever copy of the module (Next.js loads one per
// route bundle) registered or announced it, and reaches other instances through LISTEN/NOTIFY.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

type InvalidateModule = typeof import("@/lib/cache/invalidate");
type TtlCacheModule = typeof import("@/lib/cache/ttl-cache");

/** A fresh copy of the modules, as another route bundle would load them. */
async function bundle(): Promise<{ cache: InvalidateModule; ttl: TtlCacheModule }> {
  vi.resetModules();
  return { cache: await import("@/lib/cache/invalidate"), ttl: await import("@/lib/cache/ttl-cache") };
}

/** Each test registers under its own id: handlers of earlier tests only write to their own arrays. */
function register(cache: InvalidateModule, name: "api" | "subscription" | "api-key", forget: (key: string | null) => void): string {
  const id = `test-${randomUUID()}`;
  cache.onInvalidate(name, id, forget);
  return id;
}

describe("invalidate", () => {
  it("does nothing when no cache registered the name (the gateway was never loaded here)", async () => {
    const { cache } = await bundle();
    expect(() => cache.invalidate("api-key", `hash-${randomUUID()}`)).not.toThrow();
  });

  it("calls the handlers of that name with the key, and only those", async () => {
    const { cache } = await bundle();
    const apis: (string | null)[] = [];
    const keys: (string | null)[] = [];
    register(cache, "api", (slug) => apis.push(slug));
    register(cache, "api-key", (hash) => keys.push(hash));
    cache.invalidate("api", "weather");
    expect(apis).toEqual(["weather"]);
    expect(keys).toEqual([]);
  });

  it("reaches a handler registered by another copy of the module, and empties the shared cache it filled", async () => {
    const gateway = await bundle();
    const entries = gateway.ttl.TtlCache.shared<string>(`test-cache-${randomUUID()}`, { ttlMs: 60_000 });
    register(gateway.cache, "api-key", (hash) => (hash === null ? entries.clear() : entries.delete(hash)));
    const load = vi.fn(async () => "row");
    await entries.lookup("h1", load);
    expect(entries.lookup("h1", load)).toBe("row"); // cached: no promise, no second load

    const domain = await bundle();
    expect(domain.cache).not.toBe(gateway.cache);
    domain.cache.invalidate("api-key", "h1");
    expect(entries.lookup("h1", load)).toBeInstanceOf(Promise); // forgotten: loads again
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("replaces a registration made again under the same id instead of adding one", async () => {
    const first = await bundle();
    const calls: string[] = [];
    const id = register(first.cache, "subscription", () => calls.push("first copy"));
    const second = await bundle();
    second.cache.onInvalidate("subscription", id, () => calls.push("second copy"));
    second.cache.invalidate("subscription", second.cache.subscriptionKey("team", "api"));
    expect(calls).toEqual(["second copy"]);
  });

  it("tells every handler to forget everything after a listener reconnect", async () => {
    const { cache } = await bundle();
    const seen: [string, string | null][] = [];
    register(cache, "api", (key) => seen.push(["api", key]));
    register(cache, "api-key", (key) => seen.push(["api-key", key]));
    cache.forgetEverything();
    expect(seen).toEqual(
      expect.arrayContaining([
        ["api", null],
        ["api-key", null],
      ]),
    );
  });

  it("applies a change announced by another instance when its NOTIFY arrives", async () => {
    const { cache } = await bundle();
    const { listenForInvalidations } = await import("@/lib/cache/listen-for-invalidations");
    await listenForInvalidations();
    const seen: (string | null)[] = [];
    register(cache, "api", (slug) => seen.push(slug));
    const slug = `slug-${randomUUID()}`;
    cache.announceInvalidation("api", slug); // NOTIFY only, as another instance's invalidate() sends it
    expect(seen).not.toContain(slug);
    // Only this slug counts: an earlier test's NOTIFY (of "weather") may still be on its way.
    await expect.poll(() => seen.filter((key) => key === slug), { interval: 10, timeout: 5_000 }).toEqual([slug]);
  });
});
