// Runs a check on Redis when it can answer, and on the instance's own counter when it cannot:
// without REDIS_URL, while the connection is down (at once: nothing is queued), during an outage
// between probes, and when a command fails or gets no answer in COMMAND_TIMEOUT_MS (the most a
// check ever waits for Redis). The caller always gets a decision.
import type { Redis } from "ioredis";
import { COMMAND_TIMEOUT_MS, redisClient } from "@/lib/redis/redis-client";
import { mayTryRedis, noteFallback, noteRedisAnswered, noteRedisNotConnected, noteRedisUnreachable } from "@/lib/redis/rate-limit-state";

export function sharedOrLocal<T>(shared: (client: Redis) => Promise<T>, local: () => T): T | Promise<T> {
  const client = redisClient();
  if (!client) return local();
  if (client.status !== "ready") {
    noteRedisNotConnected();
    return fallBack(local);
  }
  if (!mayTryRedis()) return fallBack(local);
  return withinTimeout(shared(client)).then(
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

/**
 * `answer`, or a rejection after COMMAND_TIMEOUT_MS. A busy event loop runs an overdue timer before
 * it reads the socket, so the timer looks once more after the socket's turn (setImmediate) before
 * it calls the answer late: a reply that had arrived in time is never taken for a timeout.
 */
function withinTimeout<T>(answer: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () =>
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`));
        }),
      COMMAND_TIMEOUT_MS,
    );
    answer.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
