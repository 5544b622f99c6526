// Once per `vitest run`: a PostgreSQL server (TEST_DATABASE_URL, or a throwaway embedded cluster)
// and a template database with the migrations applied. Each worker clones the template
// (test/setup-env.ts), which is much faster than migrating a database per worker.
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { createDatabaseIfMissing } from "@/scripts/lib/embedded-postgres";
import { startScratchCluster } from "@/scripts/lib/scratch-database";
import { assertLocalDatabase, databaseUrl, dropDatabases, migrateDeployQuietly } from "./support/database";

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL || undefined; // an empty value means unset
  if (external) assertLocalDatabase(external);
  const cluster = external ? undefined : await startScratchCluster();
  const adminUrl = external ?? cluster!.url("postgres");

  // A run id in every database name, so two runs against one server never touch each other's data.
  const runId = crypto.randomBytes(4).toString("hex");
  const template = `tollgate_test_template_${runId}`;
  try {
    await createDatabaseIfMissing(adminUrl, template);
    await migrateDeployQuietly(databaseUrl(adminUrl, template));
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  project.provide("testDatabase", { adminUrl, template, runId });

  return async () => {
    if (cluster) return cluster.stop(); // the whole cluster and its folder go away
    await dropDatabases(adminUrl, `tollgate_test_${runId}_`);
    await dropDatabases(adminUrl, template);
  };
}
