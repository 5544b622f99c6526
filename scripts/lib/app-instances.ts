// Child processes of a script that must all be gone before its database stops, and `next start`
// instances that count as started once their health check answers.
import { spawn, type ChildProcess } from "node:child_process";
import { serverCommand } from "./processes";

/** Tracks children so that a stop request reaches every one and shutdown can wait for them all. */
export class ChildGroup {
  private readonly exits = new Map<ChildProcess, Promise<number | null>>();

  add(child: ChildProcess): ChildProcess {
    this.exits.set(child, new Promise((resolve) => child.on("exit", (code) => resolve(code))));
    return child;
  }

  exited(child: ChildProcess): Promise<number | null> {
    return this.exits.get(child) ?? Promise.resolve(child.exitCode);
  }

  /** SIGTERM to every child still running (`next start` drains; PostgreSQL is not a child here). */
  signalAll() {
    for (const child of this.exits.keys()) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }

  /**
   * SIGTERM to every child, then SIGKILL to any still running after `graceMs` (longer than the app's
   * own 25 s drain), named in the log: one stuck child must not hold the script, or its database, forever.
   */
  async stopAll(graceMs = 60_000) {
    await Promise.all([...this.exits.keys()].map((child) => this.stop(child, graceMs)));
  }

  /** SIGTERM to one child, SIGKILL (named in the log) if it is still running `graceMs` later; resolves with its exit code. */
  async stop(child: ChildProcess, graceMs = 60_000): Promise<number | null> {
    const running = () => child.exitCode === null && child.signalCode === null;
    if (running()) child.kill("SIGTERM");
    const timer = setTimeout(() => {
      if (!running()) return;
      console.warn(
        `[children] ${child.spawnargs.slice(-1)[0]} (pid ${child.pid}) did not stop ${graceMs / 1000} s after SIGTERM: killing it`,
      );
      child.kill("SIGKILL");
    }, graceMs);
    timer.unref();
    try {
      return await this.exited(child);
    } finally {
      clearTimeout(timer);
    }
  }
}

type AppOptions = {
  port: number;
  env: NodeJS.ProcessEnv;
  children: ChildGroup;
  cancelled: () => boolean;
  stdio?: "inherit" | "ignore";
  /** flags for node itself, before the script (e.g. `--cpu-prof`) */
  nodeArgs?: string[];
};

/** The production server (scripts/serve.ts) on the current build on `port`; resolves once GET /api/health answers 200. */
export async function startNextApp({
  port,
  env,
  children,
  cancelled,
  stdio = "inherit",
  nodeArgs = [],
}: AppOptions): Promise<ChildProcess> {
  const app = children.add(
    spawn(process.execPath, [...nodeArgs, ...serverCommand()], {
      stdio: ["ignore", stdio, "inherit"],
      env: { ...env, NODE_ENV: "production", PORT: String(port) },
    }),
  );
  await waitUntilHealthy(`http://127.0.0.1:${port}/api/health`, app, cancelled);
  return app;
}

/** Polls a health check until it answers 200; fails when the app exits first or never gets there. */
async function waitUntilHealthy(url: string, app: ChildProcess, cancelled: () => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!cancelled()) {
    if (app.exitCode !== null || app.signalCode !== null) throw new Error(`the app for ${url} exited before it was ready`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} was not healthy within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
