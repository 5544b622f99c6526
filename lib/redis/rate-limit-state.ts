// Whether rate limits are counted in Redis right now, for the log, the metrics and the admin's
// system page. An outage (a failed command, a lost or refused connection) is logged once when it
// starts and once when Redis answers again, never per call; meanwhile every check is counted by
// the instance's own limiter (`fallbacks`), so Redis never costs a caller an answer.
import { redisUrl } from "@/lib/env";
import { moduleLogger } from "@/lib/log/logger";

/** Between two attempts to reach Redis during an outage, checks do not try it at all. */
export const PROBE_INTERVAL_MS = 250;
/** A check while the very first connection is still being made is counted locally without calling it an outage. */
const FIRST_CONNECT_GRACE_MS = 1_000;

export type RedisRateLimitMode = "redis" | "fallback" | "off";

export type RedisRateLimitState = {
  /** off: no REDIS_URL; redis: the shared store answers; fallback: each instance counts on its own */
  mode: RedisRateLimitMode;
  /** checks this process counted locally because Redis could not answer */
  fallbacks: number;
  /** outages this process has seen (each logged once) */
  outages: number;
  /** when the current outage started, null while Redis answers */
  outageSince: Date | null;
  lastError: string | null;
};

type State = {
  createdAt: number;
  everReady: boolean;
  outageSince: number | null;
  lastError: string | null;
  fallbacks: number;
  outages: number;
  /** no attempt on Redis before this time (epoch ms) */
  nextProbeAt: number;
};

const holder = globalThis as typeof globalThis & { __tollgateRedisRateLimitState?: State };
const state = (holder.__tollgateRedisRateLimitState ??= {
  createdAt: Date.now(),
  everReady: false,
  outageSince: null,
  lastError: null,
  fallbacks: 0,
  outages: 0,
  nextProbeAt: 0,
});

export function redisRateLimitState(): RedisRateLimitState {
  return {
    mode: !redisUrl() ? "off" : state.outageSince === null && state.everReady ? "redis" : "fallback",
    fallbacks: state.fallbacks,
    outages: state.outages,
    outageSince: state.outageSince === null ? null : new Date(state.outageSince),
    lastError: state.lastError,
  };
}

export function noteRedisCreated(): void {
  state.createdAt = Date.now();
  state.everReady = false;
}

/** The connection is (again) ready: checks go to Redis at once. */
export function noteRedisConnected(): void {
  state.everReady = true;
  state.nextProbeAt = 0;
  endOutage();
}

/** A command answered. */
export function noteRedisAnswered(): void {
  if (state.outageSince !== null) {
    state.nextProbeAt = 0;
    endOutage();
  }
}

/** A command failed or timed out, or the connection went away. */
export function noteRedisUnreachable(reason: string): void {
  state.lastError = reason;
  state.nextProbeAt = Date.now() + PROBE_INTERVAL_MS;
  if (state.outageSince !== null) return;
  state.outageSince = Date.now();
  state.outages++;
  moduleLogger("gateway").warn(
    { event: "rate_limit_fallback", reason },
    "Redis does not answer: each instance counts rate limits on its own until it does",
  );
}

/** A check found no usable connection; counts it as an outage unless the first connection is still being made. */
export function noteRedisNotConnected(): void {
  if (!state.everReady && Date.now() - state.createdAt < FIRST_CONNECT_GRACE_MS) return;
  noteRedisUnreachable("not connected");
}

/** Whether this check may try Redis (one probe a second during an outage; the probe claims the slot). */
export function mayTryRedis(now = Date.now()): boolean {
  if (now < state.nextProbeAt) return false;
  if (state.outageSince !== null) state.nextProbeAt = now + PROBE_INTERVAL_MS;
  return true;
}

export function noteFallback(): void {
  state.fallbacks++;
}

function endOutage() {
  if (state.outageSince === null) return;
  const outageMs = Date.now() - state.outageSince;
  state.outageSince = null;
  state.lastError = null;
  moduleLogger("gateway").info(
    { event: "rate_limit_shared_again", outageMs, fallbacks: state.fallbacks },
    "Redis answers again: rate limits are shared again",
  );
}
