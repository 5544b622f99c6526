// Tokens per minute per key and API (the AI plan's `tokensPerMinute`). Admission asks whether the
// tokens used in the last 60 s plus this call's estimated input fit; the call's actual tokens are
// added when it settles. Counts live in one-second buckets, so memory per key is bounded and old
// buckets fall away. The functions below count per instance; with REDIS_URL set, tokenLimiter() is
// the same window in Redis, shared by every instance (redis-token-limiter.ts), and these count
// whatever Redis cannot answer.
import { redisUrl } from "@/lib/env";
import { RedisTokenLimiter } from "@/lib/ai/gateway/redis-token-limiter";

const WINDOW_SECONDS = 60;

type Window = { buckets: Map<number, number> };
const holder = globalThis as typeof globalThis & { __tollgateTokenWindows?: Map<string, Window> };
const windows = (holder.__tollgateTokenWindows ??= new Map());

function usedInWindow(window: Window, nowSecond: number): number {
  let used = 0;
  for (const [second, tokens] of window.buckets) {
    if (second <= nowSecond - WINDOW_SECONDS) window.buckets.delete(second);
    else used += tokens;
  }
  return used;
}

export type TokenDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; used: number };

/** Whether `tokens` more fit under `limit` for `id` (key:api) now. */
export function checkTokens(id: string, tokens: number, limit: number, now = Date.now()): TokenDecision {
  const second = Math.floor(now / 1000);
  const window = windows.get(id);
  if (!window) return tokens <= limit ? { allowed: true } : { allowed: false, retryAfterSeconds: WINDOW_SECONDS, used: 0 };
  const used = usedInWindow(window, second);
  if (used + tokens <= limit) return { allowed: true };
  // The earliest second whose expiry frees enough room.
  let freed = 0;
  for (const [bucket, count] of [...window.buckets].sort(([a], [b]) => a - b)) {
    freed += count;
    if (used - freed + tokens <= limit) return { allowed: false, retryAfterSeconds: bucket + WINDOW_SECONDS - second, used };
  }
  return { allowed: false, retryAfterSeconds: WINDOW_SECONDS, used };
}

/** Counts a settled call's tokens against `id`. */
export function addTokens(id: string, tokens: number, now = Date.now()): void {
  if (tokens <= 0) return;
  const second = Math.floor(now / 1000);
  let window = windows.get(id);
  if (!window) windows.set(id, (window = { buckets: new Map() }));
  window.buckets.set(second, (window.buckets.get(second) ?? 0) + tokens);
}

export interface TokenLimiter {
  check(id: string, tokens: number, limit: number): TokenDecision | Promise<TokenDecision>;
  add(id: string, tokens: number): void | Promise<void>;
}

const localTokenLimiter = { check: (id: string, tokens: number, limit: number) => checkTokens(id, tokens, limit), add: addTokens };
const limiterHolder = globalThis as typeof globalThis & { __tollgateTokenLimiter?: TokenLimiter };

/** The process's token limiter: shared in Redis when REDIS_URL is set, otherwise this instance's. */
export function tokenLimiter(): TokenLimiter {
  return (limiterHolder.__tollgateTokenLimiter ??= redisUrl() ? new RedisTokenLimiter(localTokenLimiter) : localTokenLimiter);
}
