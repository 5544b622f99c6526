// Helpers shared by the global setup, the per-worker setup and tests that need their own database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { binPath } from "@/scripts/lib/processes";
import { assertLocalDatabase as assertLocal, databaseUrl } from "@/scripts/lib/local-database";

export type TestDatabase = { adminUrl: string; template: string; runId: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}

export { databaseUrl };

/** Test setup creates and drops databases: refuse anything but a local server unless told otherwise. */
export function assertLocalDatabase(adminUrl: string) {
  assertLocal(adminUrl, {
    variable: "TEST_DATABASE_URL",
    override: "TEST_ALLOW_REMOTE_DB=true",
    allowRemote: process.env.TEST_ALLOW_REMOTE_DB === "true",
  });
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Database names are built from fixed words and random hex; quoting guards the rest. */
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Drops every database whose name starts with `prefix` (the run's own databases only). */
export async function dropDatabases(adminUrl: string, prefix: string) {
  await withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}

const execFileAsync = promisify(execFile);

/**
 * Runs the Prisma CLI quietly (its banner would interleave with test output); its output is
 * returned, and included in the error when it fails.
 */
export async function runPrisma(args: string[], databaseUrlForCli: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [binPath("prisma"), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrlForCli },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma ${args.join(" ")} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

export const migrateDeployQuietly = (url: string) => runPrisma(["migrate", "deploy"], url);
