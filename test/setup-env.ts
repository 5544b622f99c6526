// Runs before every test file, in the file's worker process. Points DATABASE_URL at this worker's
// own database before anything imports lib/db.ts; files in one worker share that database, so tests
// create their own users and teams (test/factories.ts) and never clean tables wholesale.
import crypto from "node:crypto";
import { createDatabaseIfMissing } from "@/scripts/lib/embedded-postgres";
import { afterEach, inject } from "vitest";
import { databaseUrl } from "./support/database";

const { adminUrl, template, runId } = inject("testDatabase");
const database = `tollgate_test_${runId}_w${process.env.VITEST_POOL_ID ?? "0"}`;

// Each test file gets a fresh fork, and files with one pool id run one after another: the first
// clones the template, the next ones find the database. The env note skips even the lookup when a
// process runs several files (isolate: false).
if (process.env.TOLLGATE_TEST_DATABASE !== database) {
  await createDatabaseIfMissing(adminUrl, database, template);
  process.env.TOLLGATE_TEST_DATABASE = database;
}

process.env.DATABASE_URL = databaseUrl(adminUrl, database);
process.env.DATABASE_POOL_SIZE ??= "4";
// Generous database timeouts: a busy machine (parallel workers on 2 cores) must not turn a slow
// moment into a 503. test/faults sets short ones for its own cluster.
process.env.DATABASE_CONNECT_TIMEOUT_MS ??= "20000";
process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= "30000";
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
process.env.TOLLGATE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
// The platform admin token of the management API (/api/v1); tests read it back from here.
process.env.TOLLGATE_ADMIN_TOKEN ??= `test-admin-${crypto.randomBytes(24).toString("base64url")}`;
// Test upstreams and webhook receivers listen on 127.0.0.1; test/net and test/gateway/ssrf.test.ts
// turn this off for their own duration (lib/env.ts allowPrivateUpstreams reads it on every call).
process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
// Mail must stay in the outbox (status LOGGED), never leave the machine.
delete process.env.SMTP_URL;
delete process.env.ADMIN_EMAILS;
// Rate limits count in-process, whatever the shell has: the tests that share them start a
// redis-server of their own (test/support/redis-server.ts) and set REDIS_URL themselves.
delete process.env.REDIS_URL;

// pg warns (once per process) when a client gets a statement while another still runs on it, which
// pg 9 rejects: e.g. concurrent queries on one transaction (lib/db-serial-transactions.ts) or a
// shared pg.Client. Fail the test that caused it rather than let it scroll by in the log.
const overlappingQueries: Error[] = [];
process.on("warning", (warning) => {
  if (warning.name === "DeprecationWarning" && warning.message.includes("client is already executing a query"))
    overlappingQueries.push(warning);
});
afterEach(() => {
  const warning = overlappingQueries.shift();
  if (warning) throw new Error(`A pg client was sent a query while another was still running on it (pg 9 rejects this):\n${warning.stack}`);
});
