// The one Prisma client, and the pg pool under it. PostgreSQL through @prisma/adapter-pg (no
// native engine). The gateway's hot path (debit, refund, usage batches) sends its few fixed SQL
// statements straight to the same pool: one round trip each, without the ORM's query pipeline.
//
// Nothing waits for the database without a bound (README, "When the database is unavailable"):
// a connection comes within DATABASE_CONNECT_TIMEOUT_MS or the query fails, the server cancels a
// statement after DATABASE_STATEMENT_TIMEOUT_MS, and the client stops waiting ANSWER_GRACE_MS
// later, for a server that stopped answering altogether. Prisma runs on this pool, so its queries
// get the same bounds.
import pg from "pg";
import { SerialTransactionsPrismaPg } from "@/lib/db-serial-transactions";
import { databaseTimeouts } from "@/lib/env";
import { countDbError, watchDbPool } from "@/lib/metrics/system-metrics";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("db");

type Connections = { pool: pg.Pool; client: PrismaClient };

/** After the server's own statement timeout: its cancellation (nothing committed) normally arrives first. */
const ANSWER_GRACE_MS = 1000;

function connect(): Connections {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run dev`");
  const { connectMs, statementMs } = databaseTimeouts();
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: connectMs,
    statement_timeout: statementMs,
    query_timeout: statementMs > 0 ? statementMs + ANSWER_GRACE_MS : undefined,
    // A server that vanished without closing the connection (a network partition) is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => {
    countDbError("idle_connection");
    log.error({ err: error }, "idle connection error");
  });
  // A failed query releases its connection with the error: remember which server process had it.
  pool.on("release", (error: Error | undefined, client: pg.PoolClient & { processID?: number }) => {
    if (error) countDbError("query");
    if (error && client.processID) sentTo.set(error, { pid: client.processID, failedAt: performance.now() });
  });
  watchDbPool(pool);
  return { pool, client: new PrismaClient({ adapter: new SerialTransactionsPrismaPg(pool) }) };
}

// One pool and client per process, also across hot reloads in development.
const globalForDb = globalThis as unknown as { tollgateDb?: Connections };
const connections = () => (globalForDb.tollgateDb ??= connect());

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const { client } = connections();
    const value = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** The pg pool behind `db`, for hot-path statements written as plain SQL. */
export function pgPool(): pg.Pool {
  return connections().pool;
}

/** The server process a failed pool query had been sent to, and when (performance.now()) it failed. */
export type StatementBackend = { pid: number; failedAt: number };

const sentTo = new WeakMap<object, StatementBackend>();

/**
 * Where a failed `pgPool().query` had been sent, or null when it never reached a server process (no
 * connection could be had). A statement that was sent and then timed out or lost its connection may
 * still commit afterwards: the server runs what it has received.
 */
export function statementBackend(error: unknown): StatementBackend | null {
  return (typeof error === "object" && error !== null && sentTo.get(error)) || null;
}

// The process is matched by pid and by having started before the failure (a later process with a
// reused pid is another one). pg_stat_activity shows a role its own processes in full.
const STILL_RUNNING = `
SELECT pid FROM pg_stat_activity
WHERE pid = $1 AND backend_start <= now() - make_interval(secs => $2::float8 / 1000) + interval '1 second'`;
const INSUFFICIENT_PRIVILEGE = "42501";
const END_PROCESS = `SELECT pg_terminate_backend(pid) FROM (${STILL_RUNNING}) AS stale`;

/**
 * Ends the server process a failed statement was sent to and resolves true once it is gone, so that
 * statement can no longer commit; false when it is still there after `waitMs` (ask again later).
 * Throws when the database does not answer.
 */
export async function endStatementBackend(backend: StatementBackend, waitMs = 5000): Promise<boolean> {
  const params = () => [backend.pid, performance.now() - backend.failedAt];
  await pgPool()
    .query(END_PROCESS, params())
    .catch((error: { code?: string }) => {
      // A role that may not end it (another role's process) waits for it to finish instead.
      if (error.code !== INSUFFICIENT_PRIVILEGE) throw error;
    });
  const deadline = performance.now() + waitMs;
  for (;;) {
    const { rowCount } = await pgPool().query(STILL_RUNNING, params());
    if (rowCount === 0) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export * from "@/lib/generated/prisma/client";
