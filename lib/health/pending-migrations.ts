// Migrations this instance's code expects (the folders of prisma/migrations) that the database has
// not applied (`_prisma_migrations` rows that finished and were not rolled back). An instance whose
// code is newer than its schema is not ready: its queries would fail.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/db";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** The names of the migrations not applied yet, oldest first. Throws when the folder cannot be read. */
export async function pendingMigrations(client: Pick<PrismaClient, "$queryRaw">, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Read at run time from the app's folder: not a file for Turbopack to trace into the build.
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const expected = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const applied = await client.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((row) => row.migration_name));
  return expected.filter((name) => !done.has(name));
}
