// The one Prisma client, and the pg pool under it. PostgreSQL through @prisma/adapter-pg (no
// native engine). The gateway's hot path (debit, refund, usage batches) sends its few fixed SQL
// statements straight to the same pool: one round trip each, without the ORM's query pipeline.
import pg from "pg";
import { SerialTransactionsPrismaPg } from "@/lib/db-serial-transactions";
import { PrismaClient } from "@/lib/generated/prisma/client";

type Connections = { pool: pg.Pool; client: PrismaClient };

function connect(): Connections {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run dev`");
  const pool = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("[db] idle connection error:", error.message));
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

export * from "@/lib/generated/prisma/client";
