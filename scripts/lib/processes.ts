// Small helpers to run the Prisma and Next.js CLIs as child processes with inherited output.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export function binPath(pkg: "prisma" | "next"): string {
  return pkg === "prisma" ? require.resolve("prisma/build/index.js") : require.resolve("next/dist/bin/next");
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`)),
    );
  });
}

export function migrateDeploy(databaseUrl: string) {
  return run(process.execPath, [binPath("prisma"), "migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
}

/** Start a long-running child and forward Ctrl-C / SIGTERM to it; resolves with its exit code. */
export function supervise(child: ChildProcess, onSignal?: () => void): Promise<number> {
  const forward = (signal: NodeJS.Signals) => {
    onSignal?.();
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** The production server: scripts/serve.ts (Next.js with the gateway mounted on node:http), via tsx. */
export function serverCommand(): string[] {
  return ["--import", "tsx", path.join(process.cwd(), "scripts", "serve.ts")];
}
