// The one Redis connection of this process (ioredis), when REDIS_URL is set. Redis is optional and
// only ever a shared counter (rate limits), so nothing may wait on it without a bound: a check
// waits COMMAND_TIMEOUT_MS at most (shared-or-local.ts), nothing is queued while the connection is
// down (the caller falls back at once), and the client reconnects by itself, at most a second apart.
import { Redis } from "ioredis";
import { redisUrl } from "@/lib/env";
import { noteRedisConnected, noteRedisCreated, noteRedisUnreachable } from "@/lib/redis/rate-limit-state";

/** The longest a check waits for Redis before the instance's own limiter decides. */
export const COMMAND_TIMEOUT_MS = 100;
/** ioredis drops a command it got no answer for after this, so a frozen server holds none for long. */
const CLIENT_COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 1_000;

// One client per process, shared by every route bundle (Next loads this module more than once).
const holder = globalThis as typeof globalThis & { __tollgateRedis?: Redis | null };

/** The process's Redis client, or null without REDIS_URL; made and connected at the first call (the server makes it at start). */
export function redisClient(): Redis | null {
  if (holder.__tollgateRedis !== undefined) return holder.__tollgateRedis;
  const url = redisUrl();
  return (holder.__tollgateRedis = url ? connectRedis(url) : null);
}

/** A client with the bounds above; its connection events drive the rate-limit state. */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, {
    connectionName: "tollgate",
    commandTimeout: CLIENT_COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Reconnect forever, quickly: recovery needs nothing but Redis answering again.
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  noteRedisCreated();
  client.on("ready", noteRedisConnected);
  // ioredis reports every failed reconnect here; the state logs one line per outage, not per event.
  client.on("error", (error: Error) => noteRedisUnreachable(error.message));
  client.on("close", () => noteRedisUnreachable("connection closed"));
  return client;
}

/** Closes the process's client (tests). */
export async function closeRedisClient(): Promise<void> {
  const client = holder.__tollgateRedis;
  holder.__tollgateRedis = undefined;
  if (!client) return;
  // A deliberate close is no outage.
  client.removeAllListeners();
  client.on("error", () => {});
  await client.quit().catch(() => client.disconnect());
}
