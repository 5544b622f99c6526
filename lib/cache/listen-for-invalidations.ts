// The other half of lib/cache/invalidate.ts: one LISTEN connection per process applies the
// invalidations other instances announce, usually within milliseconds. Notifications are best
// effort: while the listener is down the caches' TTL (5 s) remains the bound, the documented
// guarantee, and after a reconnect every registered cache starts afresh.
import pg from "pg";
import { forgetEverything, forgetLocally, INVALIDATION_CHANNEL } from "@/lib/cache/invalidate";
import { databaseTimeouts } from "@/lib/env";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("cache");

const RECONNECT_MS = 2_000;

type ListenerState = { listening: Promise<void> | null; connections: number };
const globalState = globalThis as typeof globalThis & { __tollgateInvalidationListener?: ListenerState };
const state = (globalState.__tollgateInvalidationListener ??= { listening: null, connections: 0 });

/**
 * Starts the listener once per process (instrumentation.ts, scripts/serve.ts); reconnects after
 * failures. Resolves once the first LISTEN is in place (or failed and a retry is scheduled).
 */
export function listenForInvalidations(): Promise<void> {
  if (!process.env.DATABASE_URL) return Promise.resolve();
  return (state.listening ??= connect());
}

async function connect(): Promise<void> {
  // A server that accepts the connection and never answers (frozen, unreachable) must not hold the
  // listener forever: it gives up like the pool does, and retries.
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    connectionTimeoutMillis: databaseTimeouts().connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const retry = () => {
    client.removeAllListeners();
    client.end().catch(() => undefined);
    setTimeout(() => void connect(), RECONNECT_MS).unref();
  };
  client.on("error", (error) => {
    log.warn({ err: error }, "invalidation listener lost its connection; reconnecting");
    retry();
  });
  client.on("notification", (notification) => {
    if (notification.channel !== INVALIDATION_CHANNEL || !notification.payload) return;
    try {
      const message = JSON.parse(notification.payload) as { name?: unknown; key?: unknown };
      if (typeof message.name !== "string" || typeof message.key !== "string") throw new Error("no name or key");
      forgetLocally(message.name, message.key);
    } catch (error) {
      log.warn({ err: error }, "ignored a malformed invalidation");
    }
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    // The connection must not keep a finished process alive.
    (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    // Announcements sent while the listener was down are lost: after a reconnect, start every cache afresh.
    if (state.connections++ > 0) forgetEverything();
  } catch (error) {
    log.warn({ err: error }, "invalidation listener could not connect; retrying");
    retry();
  }
}
