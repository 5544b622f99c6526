// The bench's own servers (upstream, AI provider, bare proxy) each run in a process of their own, so
// that none shares an event loop with the load generator, the app or the bench. Each reports its
// port over IPC once it listens and exits when the bench goes away.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildGroup } from "@/scripts/lib/app-instances";

/** With BENCH_CPU_PROFILE_DIR the bare proxy is profiled too, so the two proxies' profiles compare side by side. */
function profiled(file: string): string[] {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  return dir && file === "bare-proxy.ts" ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/** Forks `bench/<file>` with `env` added; resolves with its http://127.0.0.1:port once it listens. */
export function forkServer(file: string, children: ChildGroup, env: Record<string, string> = {}): Promise<string> {
  const child = children.add(
    fork(fileURLToPath(new URL(`./${file}`, import.meta.url)), {
      execArgv: ["--import", "tsx", ...profiled(file)],
      env: { ...process.env, ...env },
    }),
  );
  return new Promise((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve(`http://127.0.0.1:${message.port}`));
    child.once("exit", (code) => reject(new Error(`bench/${file} exited with ${code} before listening`)));
  });
}
