// GET /api/ready (issue 17.4), in-process against real databases: 200 with its checks when the
// database answers and every migration of prisma/migrations is applied; a 503 problem+json naming the
// reason when the database is unreachable (a closed port, or a server that never answers: bounded by
// the timeout), when a migration is pending (a fresh database missing the last migration's row), or
// when the migrations folder is missing. Draining after SIGTERM: ready-draining.test.ts.
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db";
import { SerialTransactionsPrismaPg } from "@/lib/db-serial-transactions";
import { MIGRATIONS_DIR } from "@/lib/health/pending-migrations";
import { readinessResponse, serveReadiness } from "@/lib/health/readiness-response";
import { withFreshDatabase } from "../support/fresh-database";
import { closedPortUrl } from "../support/upstream-server";

type Problem = { status: number; code: string; reason: string; detail: string; checks: Record<string, unknown> };

async function lastMigration(): Promise<string> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .at(-1)!;
}

function clientAt(url: string): PrismaClient {
  return new PrismaClient({ adapter: new SerialTransactionsPrismaPg({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 }) });
}

describe("GET /api/ready", () => {
  it("is 200 with its checks when the database answers and every migration is applied", async () => {
    const response = await readinessResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ready", checks: { draining: false, database: "ok", migrations: "ok" } });
  });

  it("is 503 while the last migration is pending, and 200 once it is applied", async () => {
    const last = await lastMigration();
    await withFreshDatabase(async (client) => {
      const [row] = await client.$queryRaw<object[]>`SELECT * FROM _prisma_migrations WHERE migration_name = ${last}`;
      expect(row).toBeDefined();
      await client.$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${last}`;

      const response = await readinessResponse({ client });
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("retry-after")).toBe("5");
      const problem = (await response.json()) as Problem;
      expect(problem).toMatchObject({
        status: 503,
        code: "service_unavailable",
        reason: "migrations_pending",
        checks: { draining: false, database: "ok", migrations: "pending" },
      });
      expect(problem.detail).toContain(last);

      // Applied (the row is back): ready, and from then on the answer is cached for this client.
      await client.$executeRaw`INSERT INTO _prisma_migrations SELECT * FROM json_populate_record(NULL::_prisma_migrations, ${JSON.stringify(row)}::json)`;
      expect((await readinessResponse({ client })).status).toBe(200);
      await client.$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${last}`;
      expect((await readinessResponse({ client })).status).toBe(200);
    });
  });

  it("is 503 when the migrations folder is missing (the image must ship prisma/migrations)", async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), "tollgate-no-migrations-"));
    await rm(empty, { recursive: true });
    await withFreshDatabase(async (client) => {
      const response = await readinessResponse({ client, migrationsDir: empty });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ reason: "migrations_unknown", checks: { database: "ok", migrations: "unknown" } });
    });
  });

  it("is 503 when the database refuses connections", async () => {
    const client = clientAt((await closedPortUrl()).replace(/^http:/, "postgresql:") + "/tollgate");
    try {
      const response = await readinessResponse({ client, timeoutMs: 5_000 });
      expect(response.status).toBe(503);
      const problem = (await response.json()) as Problem;
      expect(problem).toMatchObject({
        code: "service_unavailable",
        reason: "database_unreachable",
        checks: { database: "unreachable", migrations: "not checked" },
      });
      expect(problem.detail).toBe("The database did not answer (query failed).");
    } finally {
      await client.$disconnect();
    }
  });

  describe("a database that accepts connections and never answers", () => {
    let silent: net.Server;
    let port: number;
    const sockets = new Set<net.Socket>();
    beforeAll(async () => {
      silent = net.createServer((socket) => void sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      port = (silent.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it("is 503 within the bounded wait", async () => {
      const client = clientAt(`postgresql://tollgate:secret@127.0.0.1:${port}/tollgate`);
      try {
        const started = performance.now();
        const response = await readinessResponse({ client, timeoutMs: 300 });
        expect(performance.now() - started).toBeLessThan(3_000);
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ reason: "database_unreachable", detail: "The database did not answer (timeout)." });
      } finally {
        for (const socket of sockets) socket.destroy();
        await client.$disconnect();
      }
    });
  });

  it("answers only its own path and GET or HEAD on the node:http mount", async () => {
    expect((await serveReadiness(new Request("http://localhost/api/readyz"))).status).toBe(404);
    expect((await serveReadiness(new Request("http://localhost/api/ready", { method: "POST" }))).status).toBe(400);
    expect((await serveReadiness(new Request("http://localhost/api/ready?probe=1"))).status).toBe(200);
  });
});
