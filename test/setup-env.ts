// Runs before every test file, in the file's worker process. Points DATABASE_URL at this worker's
// own database before anything imports lib/db.ts; files in one worker share that database, so tests
// create their own users and teams (test/factories.ts) and never clean tables wholesale.
import crypto from "node:crypto";
import { inject } from "vitest";
import { createDatabase, databaseUrl } from "./support/database";

const { adminUrl, template, runId } = inject("testDatabase");
const database = `tollgate_test_${runId}_w${process.env.VITEST_POOL_ID ?? "0"}`;

// Cloning is idempotent; remembering it spares a round trip when a process runs several files.
if (process.env.TOLLGATE_TEST_DATABASE !== database) {
  await createDatabase(adminUrl, database, template);
  process.env.TOLLGATE_TEST_DATABASE = database;
}

process.env.DATABASE_URL = databaseUrl(adminUrl, database);
process.env.DATABASE_POOL_SIZE ??= "4";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
process.env.TOLLGATE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
// Mail must stay in the outbox (status LOGGED), never leave the machine.
delete process.env.SMTP_URL;
delete process.env.ADMIN_EMAILS;
