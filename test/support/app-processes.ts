// Starts and stops app instances (app-instance.ts) in processes of their own, for the tests that run
// two of them on one database: each tells its port over IPC, and stops on SIGTERM as `npm start`
// does. `captureOutput` keeps what the process logged (its JSON lines) for assertions.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

export type AppProcess = { child: ChildProcess; port: number; instanceId: string; lines: string[] };

export type AppProcessOptions = {
  /** added to this worker's environment (its DATABASE_URL: every process shares the test's database) */
  env?: Record<string, string>;
  /** the drain's grace on SIGTERM */
  graceMs?: number;
  captureOutput?: boolean;
};

export function startAppProcess(options: AppProcessOptions = {}): Promise<AppProcess> {
  const args = options.graceMs === undefined ? [] : [String(options.graceMs)];
  const child = fork(path.join(import.meta.dirname, "app-instance.ts"), args, {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", options.captureOutput ? "pipe" : "ignore", "inherit", "ipc"],
  });
  const lines: string[] = [];
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const complete = (partial + chunk.toString()).split("\n");
    partial = complete.pop()!;
    lines.push(...complete);
  });
  return new Promise((resolve, reject) => {
    child.once("message", (message: { port: number; instanceId: string }) => resolve({ child, lines, ...message }));
    child.once("exit", (code) => reject(new Error(`the app instance exited with ${code} before listening`)));
  });
}

/** SIGTERM, as a deploy stops `npm start`; resolves with the exit code once its output has all arrived. */
export async function stopAppProcess({ child }: AppProcess): Promise<number | null> {
  const exited = once(child, "exit") as Promise<[number | null]>;
  const outputClosed = child.stdout ? once(child.stdout, "close") : undefined;
  child.kill("SIGTERM");
  const [code] = await exited;
  await outputClosed;
  return code;
}
