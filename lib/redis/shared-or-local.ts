// Runs a check on Redis when it can answer, and on the instance's own counter when it cannot:
// without REDIS_URL, while the connection is down (at once: nothing is queued), during an outage
// between probes, and when a command fails or times out (COMMAND_TIMEOUT_MS, the most a check
// ever waits for Redis). The caller always gets a decision.
import type { Redis } from "ioredis";
import { redisClient } from "@/lib/redis/redis-client";
import { mayTryRedis, noteFallback, noteRedisAnswered, noteRedisNotConnected, noteRedisUnreachable } from "@/lib/redis/rate-limit-state";

export function sharedOrLocal<T>(shared: (client: Redis) => Promise<T>, local: () => T): T | Promise<T> {
  const client = redisClient();
  if (!client) return local();
  if (client.status !== "ready") {
    noteRedisNotConnected();
    return fallBack(local);
  }
  if (!mayTryRedis()) return fallBack(local);
  return shared(client).then(
    (result) => {
      noteRedisAnswered();
      return result;
    },
    (error: Error) => {
      noteRedisUnreachable(error.message);
      return fallBack(local);
    },
  );
}

function fallBack<T>(local: () => T): T {
  noteFallback();
  return local();
}
