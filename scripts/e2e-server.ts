// The app as the Playwright suite sees it: a throwaway PostgreSQL (or E2E_DATABASE_URL), the
// database `tollgate_e2e` migrated and seeded, a production build (rebuilt only when stale), and
// two `next start` instances of that build on the one database, E2E_PORT (3100) and E2E_PORT+1,
// with the same fresh secrets, the admin token E2E_ADMIN_TOKEN (generated when unset; recorded in
// test-results/e2e-server-<port>.json while the server runs) and private upstreams allowed (specs start their upstreams on 127.0.0.1). Started by playwright.config.ts
// `webServer`; also runnable by hand: `node node_modules/tsx/dist/cli.mjs scripts/e2e-server.ts`.
//
// Playwright polls only the first instance's health check, so the second one is started first and
// the first only once the second is healthy: when Playwright sees the first ready, both are.
//
// Shutdown order matters: both apps first, then the database (see scripts/lib/detached.ts for why
// the work runs in a detached child).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { createDatabaseIfMissing, type RunningPostgres } from "./lib/embedded-postgres";
import { assertLocalDatabase, databaseUrl as onDatabase } from "./lib/local-database";
import { startScratchCluster } from "./lib/scratch-database";
import { binPath } from "./lib/processes";
import { e2eStripeAppEnv } from "../e2e/fixtures/stripe-env";
import { buildIsStale } from "./lib/build-freshness";
import { onStopRequest, superviseDetached } from "./lib/detached";
import { ChildGroup, startNextApp } from "./lib/app-instances";
import { removeE2eServerRecord, writeE2eServerRecord, type E2eServerRecord } from "./lib/e2e-server-record";

const DATABASE = "tollgate_e2e";
const root = process.cwd();
const log = (message: string) => console.log(`[e2e-server] ${message}`);

if (process.env.E2E_SERVER_INNER === "1") {
  serve().catch((error) => {
    console.error(`[e2e-server] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
} else {
  superviseDetached(import.meta.url, "E2E_SERVER_INNER");
}

/** Worker: database, migrations, seed, build, then both app instances until told to stop. */
async function serve() {
  const port = Number(process.env.E2E_PORT || "3100");
  let cluster: RunningPostgres | undefined;
  let databaseUrl: string;

  // A stop request (signal, or the outer process gone) ends whatever runs now: a setup step, or
  // the apps; the database is stopped last, in `finally`, once every child has exited.
  let stopRequested = false;
  const children = new ChildGroup();
  const apps: ChildProcess[] = [];
  let record: E2eServerRecord | undefined;
  onStopRequest(() => {
    stopRequested = true;
    children.signalAll();
  });

  try {
    if (process.env.E2E_DATABASE_URL) {
      databaseUrl = process.env.E2E_DATABASE_URL;
      // The suite creates accounts and teams; it must never point at a shared or production database.
      assertLocalDatabase(databaseUrl, {
        variable: "E2E_DATABASE_URL",
        override: "E2E_ALLOW_REMOTE_DATABASE=1",
        allowRemote: process.env.E2E_ALLOW_REMOTE_DATABASE === "1",
      });
      const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, "")) || DATABASE;
      await createDatabaseIfMissing(onDatabase(databaseUrl, "postgres"), name);
      log(`using E2E_DATABASE_URL (database ${name})`);
    } else {
      cluster = await startScratchCluster();
      await createDatabaseIfMissing(cluster.url("postgres"), DATABASE);
      databaseUrl = cluster.url(DATABASE);
      log(`throwaway PostgreSQL on 127.0.0.1:${cluster.port}`);
    }
    log(`DATABASE_URL=${databaseUrl}`);

    // Playwright passes its token; a server started by hand makes one. Either way the record lets
    // a Playwright run that reuses this server find it (e2e/fixtures/instances.ts).
    const adminToken = process.env.E2E_ADMIN_TOKEN || crypto.randomBytes(32).toString("base64url");
    record = { adminToken, databaseUrl };
    writeE2eServerRecord(port, record);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      // One public origin for both instances, as behind a load balancer.
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      TOLLGATE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      TOLLGATE_ADMIN_TOKEN: adminToken,
      ALLOW_PRIVATE_UPSTREAMS: "true",
      // Top-ups go to the local Stripe-compatible server that e2e/ui/top-up.spec.ts starts.
      ...e2eStripeAppEnv(),
      // The suite reads invitation links from the page and verification links from the outbox
      // (e2e/fixtures/outbox.ts), so email must stay unconfigured; nobody
      // becomes a platform admin by address (the first account still does: see e2e/setup).
      SMTP_URL: "",
      ADMIN_EMAILS: "",
      // Every spec signs up its own people, all from 127.0.0.1.
      SIGN_UP_LIMIT_PER_HOUR: "100000",
      // As in test/setup-env.ts: browsers, two instances and parallel specs on 2 cores must not turn
      // a slow moment into a 503 (test/faults tests the short timeouts).
      DATABASE_CONNECT_TIMEOUT_MS: process.env.DATABASE_CONNECT_TIMEOUT_MS ?? "20000",
      DATABASE_STATEMENT_TIMEOUT_MS: process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? "30000",
    };
    delete env.E2E_SERVER_INNER;
    delete env.AUTH_URL;

    const setup: [string, string[]][] = [
      ["migrate", [binPath("prisma"), "migrate", "deploy"]],
      ["seed", [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "prisma/seed.ts"]],
    ];
    if (buildIsStale(root)) setup.push(["next build", [binPath("next"), "build"]]);
    for (const [label, args] of setup) {
      if (stopRequested) return;
      if (label === "next build") log("building (sources changed since the last build)…");
      await step(label, children.add(spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] })), () => stopRequested);
    }

    // The second instance runs without Stripe, so specs see both billing pages (card top-ups, and the
    // credit request of an installation without them) on one database: e2e/fixtures/instances.ts.
    const withoutStripe: NodeJS.ProcessEnv = { ...env };
    for (const name of Object.keys(e2eStripeAppEnv())) delete withoutStripe[name];
    for (const appPort of [port + 1, port]) {
      if (stopRequested) return;
      log(`starting the app on http://localhost:${appPort}${appPort === port ? "" : " (without Stripe)"}`);
      apps.push(
        await startNextApp({ port: appPort, env: appPort === port ? env : withoutStripe, children, cancelled: () => stopRequested }),
      );
    }
    // The suite needs both: when one instance stops on its own, the other is stopped too.
    const firstExit = await Promise.race(apps.map((app) => children.exited(app)));
    if (!stopRequested) {
      log(`an app instance exited (code ${firstExit}); stopping the other`);
      process.exitCode = firstExit || 1;
      stopRequested = true;
    }
  } finally {
    // Also after a failed step: nothing may still talk to the database when it stops.
    await children.stopAll();
    if (apps.length) log("apps stopped");
    if (record) removeE2eServerRecord(port, record);
    if (cluster) {
      await cluster.stop();
      log("PostgreSQL stopped");
    }
  }
}

/**
 * Waits for a setup command with its output held back (Playwright shows the server's stderr, and a
 * passing run needs no migration or build log); on failure the whole output goes to stderr.
 */
function step(label: string, child: ChildProcess, cancelled: () => boolean): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const output: Buffer[] = [];
    child.stdout!.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0 || cancelled()) {
        if (code === 0) log(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return resolve();
      }
      process.stderr.write(Buffer.concat(output));
      reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
