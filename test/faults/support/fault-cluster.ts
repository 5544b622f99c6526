// A PostgreSQL cluster of the test's own for fault tests: frozen (SIGSTOP), thawed, stopped,
// started and restarted under load without touching the shared cluster of test/global-setup.ts,
// whose databases the other test files (other Vitest workers) are using at the same moment.
// The postmaster's pid comes from postmaster.pid; the processes it started (backends, checkpointer,
// WAL writer, ...) from /proc. pg_ctl (next to the postgres binary named in postmaster.opts) stops
// and starts it on the same port, so DATABASE_URL stays valid across a restart.
import { execFile, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { databaseUrl, withClient } from "../../support/database";

export type FaultCluster = {
  /** a migrated database of this cluster, for DATABASE_URL */
  url: string;
  /** SIGSTOP to the postmaster and every process it started; returns their pids */
  freeze(): number[];
  /** SIGCONT to the processes freeze() stopped */
  thaw(): void;
  /** a fast shutdown (`pg_ctl stop -m fast`): connections are closed, new ones refused */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: the in-flight statements are cancelled, then the server is back */
  restart(): Promise<void>;
  /** thawed and started, whatever the test left it in */
  ensureUp(): Promise<void>;
  /** immediate stop, and the folder goes */
  destroy(): Promise<void>;
};

const run = promisify(execFile);

export async function startFaultCluster(): Promise<FaultCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-fault-pg-"));
  fs.chmodSync(dir, 0o755); // the postgres user must reach the data folder inside
  const dataDir = path.join(dir, "data");
  const running = await startEmbeddedPostgres({ dataDir, password: crypto.randomBytes(12).toString("hex"), ephemeral: true });
  const adminUrl = running.url("postgres");
  await createDatabaseIfMissing(adminUrl, "tollgate_faults");
  const url = databaseUrl(adminUrl, "tollgate_faults");
  await applyMigrations(url);

  // The postgres binary and its flags as the postmaster was started (pg_ctl start does not reuse them).
  const opts = fs.readFileSync(path.join(dataDir, "postmaster.opts"), "utf8").trim();
  const binary = opts.match(/^(\S+)/)![1]!;
  const flags = opts
    .slice(binary.length)
    .replace(/"-D" "[^"]*"/, "")
    .trim();
  const pgCtl = path.join(path.dirname(binary), "pg_ctl");
  const asPostgres = process.getuid?.() === 0 ? postgresUser() : {};
  const pgCtlRun = (args: string[]) =>
    run(pgCtl, ["-D", dataDir, "-w", "-t", "30", "-l", path.join(dataDir, "pg_ctl.log"), ...args], asPostgres);

  let frozen: number[] = [];
  let stopped = false;
  const thaw = () => {
    for (const pid of frozen) signal(pid, "SIGCONT");
    frozen = [];
  };
  const destroy = () => {
    thaw();
    const pid = postmasterPid(dataDir);
    if (pid) signal(pid, "SIGQUIT"); // immediate shutdown
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const start = async () => {
    await pgCtlRun(["-o", flags, "start"]);
    stopped = false;
  };
  // A test that dies mid-freeze must not leave stopped processes behind.
  process.once("exit", destroy);

  return {
    url,
    freeze() {
      const postmaster = postmasterPid(dataDir)!;
      frozen = [postmaster];
      signal(postmaster, "SIGSTOP"); // first, so it starts no new process meanwhile
      for (const pid of childrenOf(postmaster)) {
        signal(pid, "SIGSTOP");
        frozen.push(pid);
      }
      return [...frozen];
    },
    thaw,
    async stop() {
      await pgCtlRun(["-m", "fast", "stop"]);
      stopped = true;
    },
    start,
    restart: async () => void (await pgCtlRun(["-m", "fast", "-o", flags, "restart"])),
    async ensureUp() {
      thaw();
      if (stopped) await start();
    },
    async destroy() {
      process.off("exit", destroy);
      thaw();
      await pgCtlRun(["-m", "immediate", "stop"]).catch(() => undefined);
      destroy();
    },
  };
}

/**
 * The committed migrations, in order, straight through pg: seconds faster than a Prisma CLI process
 * on a busy machine, and the same SQL (test/schema-drift.test.ts keeps it equal to the schema).
 */
async function applyMigrations(url: string): Promise<void> {
  const folder = path.join(process.cwd(), "prisma", "migrations");
  const names = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withClient(url, async (client) => {
    for (const name of names) await client.query(fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8"));
  });
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postmaster.pid");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").split("\n")[0]) : null;
}

/** Processes whose parent is `parent`: field 4 of /proc/<pid>/stat, after the command in parentheses. */
function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      continue; // the process ended while we listed it
    }
  }
  return children;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error; // already gone
  }
}
