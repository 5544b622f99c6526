// Which database errors mean "PostgreSQL did not answer in time" (503 service_unavailable) in every
// form they reach us: pg's pool, the driver adapter, Prisma. Produced for real: a server that
// accepts connections and never answers, a statement past statement_timeout, a query past the
// client's read timeout. And the pool of lib/db.ts is bounded by the configured timeouts.
import net from "node:net";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { databaseTimeouts } from "@/lib/env";

let silent: net.Server;
let silentUrl: string;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // Accepts TCP connections and never says a word: a frozen server, as far as a client can tell.
  silent = net.createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentUrl = `postgresql://nobody:secret@127.0.0.1:${(silent.address() as net.AddressInfo).port}/none`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to fail");
}

function clients(options: pg.PoolConfig) {
  const pool = new pg.Pool(options);
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

describe("isDatabaseUnavailable", () => {
  it("recognises a connection that never came, from the pool and through Prisma", async () => {
    const { pool, prisma } = clients({ connectionString: silentUrl, connectionTimeoutMillis: 200 });
    expect(isDatabaseUnavailable(await failure(() => pool.query("SELECT 1")))).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => prisma.team.findFirst()))).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => prisma.$transaction(async (tx) => tx.team.findFirst())))).toBe(true);
    await pool.end();
  });

  it("recognises a refused connection, a statement timeout and a read timeout, in pg and Prisma forms", async () => {
    const refused = clients({ connectionString: "postgresql://nobody:secret@127.0.0.1:1/none", connectionTimeoutMillis: 200 });
    expect(isDatabaseUnavailable(await failure(() => refused.pool.query("SELECT 1")))).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => refused.prisma.team.findFirst()))).toBe(true);

    const cancelled = clients({ connectionString: process.env.DATABASE_URL, statement_timeout: 100 });
    expect(isDatabaseUnavailable(await failure(() => cancelled.pool.query("SELECT pg_sleep(2)")))).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => cancelled.prisma.$queryRaw`SELECT pg_sleep(2)`))).toBe(true);

    const unanswered = clients({ connectionString: process.env.DATABASE_URL, query_timeout: 100 });
    expect(isDatabaseUnavailable(await failure(() => unanswered.pool.query("SELECT pg_sleep(1)")))).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => unanswered.prisma.$queryRaw`SELECT pg_sleep(1)`))).toBe(true);
    await Promise.all([refused.pool.end(), cancelled.pool.end(), unanswered.pool.end()]);
  });

  it("leaves the errors of a statement that was wrong alone", async () => {
    const { pool, prisma } = clients({ connectionString: process.env.DATABASE_URL });
    const divisionByZero = await failure(() => pool.query("SELECT 1 / 0"));
    expect(isDatabaseUnavailable(divisionByZero)).toBe(false);
    expect(isDatabaseUnavailable(await failure(() => prisma.$queryRaw`SELECT * FROM no_such_table`))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    await pool.end();
  });
});

describe("database timeouts", () => {
  it("default to a 3 s wait for a connection and a 5 s statement timeout, and refuse nonsense", () => {
    const saved = { ...process.env };
    try {
      delete process.env.DATABASE_CONNECT_TIMEOUT_MS;
      delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
      expect(databaseTimeouts()).toEqual({ connectMs: 3000, statementMs: 5000 });
      process.env.DATABASE_STATEMENT_TIMEOUT_MS = "0";
      expect(databaseTimeouts().statementMs).toBe(0);
      process.env.DATABASE_CONNECT_TIMEOUT_MS = "soon";
      expect(() => databaseTimeouts()).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    } finally {
      process.env = saved;
    }
  });
});
