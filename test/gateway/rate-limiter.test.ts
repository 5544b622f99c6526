import { describe, expect, it } from "vitest";
import { InMemoryRateLimiter, rateLimitHeaders } from "@/lib/gateway/rate-limiter";

describe("InMemoryRateLimiter (GCRA)", () => {
  it("allows the limit at once, then refuses with an exact Retry-After", () => {
    const limiter = new InMemoryRateLimiter();
    const t0 = 1_000_000;
    const decisions = Array.from({ length: 5 }, () => limiter.consume("k", 5, 10, t0));
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    const refused = limiter.consume("k", 5, 10, t0);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 2, resetSeconds: 10 });
    // One request's worth (2 s) later exactly one more is allowed.
    expect(limiter.consume("k", 5, 10, t0 + 2_000).allowed).toBe(true);
    expect(limiter.consume("k", 5, 10, t0 + 2_000).allowed).toBe(false);
  });

  it("refills evenly and keeps keys apart", () => {
    const limiter = new InMemoryRateLimiter();
    const t0 = 5_000_000;
    for (let i = 0; i < 3; i++) limiter.consume("a", 3, 3, t0);
    expect(limiter.consume("a", 3, 3, t0).allowed).toBe(false);
    expect(limiter.consume("b", 3, 3, t0).allowed).toBe(true);
    expect(limiter.consume("a", 3, 3, t0 + 3_000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("does not let refused requests use up the quota", () => {
    const limiter = new InMemoryRateLimiter();
    const t0 = 9_000_000;
    limiter.consume("k", 1, 1, t0);
    for (let i = 0; i < 10; i++) expect(limiter.consume("k", 1, 1, t0 + 100).allowed).toBe(false);
    expect(limiter.consume("k", 1, 1, t0 + 1_000).allowed).toBe(true);
  });
});

describe("rateLimitHeaders", () => {
  it("states the limit on every answer and adds Retry-After only to a refusal", () => {
    const limiter = new InMemoryRateLimiter();
    const t0 = 12_000_000;
    expect(rateLimitHeaders(limiter.consume("k", 1, 10, t0))).toEqual({
      "ratelimit-limit": "1",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "10",
    });
    expect(rateLimitHeaders(limiter.consume("k", 1, 10, t0))).toEqual({
      "ratelimit-limit": "1",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "10",
      "retry-after": "10",
    });
  });
});
