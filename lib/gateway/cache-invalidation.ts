// Cross-instance cache invalidation over PostgreSQL LISTEN/NOTIFY. A change on one instance
// (revoked key, retired API, cancelled subscription) is announced on one channel; every instance
// drops the entry within milliseconds. Notifications are best effort: if the listener is down, the
// caches' TTL (5 s) remains the bound, which is the documented guarantee.
import pg from "pg";
import { pgPool } from "@/lib/db";

const CHANNEL = "tollgate_cache";
const RECONNECT_MS = 2_000;

export type Invalidation = { cache: string; key: string } | { cache: string; all: true };
type Handler = (message: Invalidation) => void;

type ListenerState = { handlers: Map<string, Handler>; listening: Promise<void> | null; connections: number };
const globalState = globalThis as typeof globalThis & { __tollgateInvalidation?: ListenerState };
const state = (globalState.__tollgateInvalidation ??= { handlers: new Map(), listening: null, connections: 0 });

/** Registers how a named cache applies an invalidation (called by each cache module). */
export function onInvalidation(cache: string, handler: Handler): void {
  state.handlers.set(cache, handler);
}

/** Tells the other instances; local caches are already updated by the caller. */
export function announceInvalidation(message: Invalidation): void {
  if (!process.env.DATABASE_URL) return;
  pgPool()
    .query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(message)])
    .catch((error) => console.warn(`[cache] could not announce an invalidation (TTL still applies): ${error.message}`));
}

/**
 * Starts the listener once per process (instrumentation.ts); reconnects after failures. Resolves
 * once the first LISTEN is in place (or failed and a retry is scheduled).
 */
export function listenForInvalidations(): Promise<void> {
  if (!process.env.DATABASE_URL) return Promise.resolve();
  return (state.listening ??= connect());
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const retry = () => {
    client.removeAllListeners();
    client.end().catch(() => undefined);
    setTimeout(() => void connect(), RECONNECT_MS).unref();
  };
  client.on("error", (error) => {
    console.warn(`[cache] invalidation listener lost its connection (${error.message}); reconnecting`);
    retry();
  });
  client.on("notification", (notification) => {
    if (notification.channel !== CHANNEL || !notification.payload) return;
    try {
      const message = JSON.parse(notification.payload) as Invalidation;
      state.handlers.get(message.cache)?.(message);
    } catch (error) {
      console.warn(`[cache] ignored a malformed invalidation: ${(error as Error).message}`);
    }
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    // The connection must not keep a finished process alive.
    (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    // Announcements sent while the listener was down are lost: after a reconnect, start every cache afresh.
    if (state.connections++ > 0) for (const [cache, handler] of state.handlers) handler({ cache, all: true });
  } catch (error) {
    console.warn(`[cache] invalidation listener could not connect (${(error as Error).message}); retrying`);
    retry();
  }
}
