// An empty, migrated database of its own, for behaviour that depends on the whole table (e.g. "the
// first account on an install"), which the shared per-worker database cannot show.
import crypto from "node:crypto";
import { createDatabaseIfMissing } from "@/scripts/lib/embedded-postgres";
import { inject } from "vitest";
import { SerialTransactionsPrismaPg } from "@/lib/db-serial-transactions";
import { PrismaClient } from "@/lib/db";
import { databaseUrl, dropDatabases } from "./database";

export async function withFreshDatabase<T>(work: (client: PrismaClient) => Promise<T>): Promise<T> {
  const { adminUrl, template, runId } = inject("testDatabase");
  const name = `tollgate_test_${runId}_fresh_${crypto.randomBytes(4).toString("hex")}`;
  await createDatabaseIfMissing(adminUrl, name, template);
  const client = new PrismaClient({ adapter: new SerialTransactionsPrismaPg({ connectionString: databaseUrl(adminUrl, name), max: 2 }) });
  try {
    return await work(client);
  } finally {
    await client.$disconnect();
    await dropDatabases(adminUrl, name);
  }
}
