// The same load against every target: a warm-up run for a fixed time, then a measured run of a fixed
// number of requests, sized from the warm-up rate to last about `seconds`. A fixed count rather than
// a fixed time, because autocannon drops the requests in flight when time is up: the gateway would
// have charged for calls nobody counted, and the ledger check must match to the micro-unit.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildGroup } from "@/scripts/lib/app-instances";

export type LoadSettings = { connections: number; pipelining: number; warmupSeconds: number; seconds: number };
export type Target = { url: string; headers?: Record<string, string>; method?: string; body?: string };
export type LoadJob = Target & { connections: number; pipelining: number; seconds: number; amount?: number };

export type RunSummary = {
  completed: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statusCodes: Record<string, number>;
};

/** Warm-up, then `beforeMeasuring` (e.g. a ledger snapshot), then the measured run. */
export async function measure(
  target: Target,
  settings: LoadSettings,
  children: ChildGroup,
  beforeMeasuring?: () => Promise<void>,
): Promise<RunSummary> {
  const { connections, pipelining } = settings;
  const warmup = await runInChild({ ...target, connections, pipelining, seconds: settings.warmupSeconds }, children);
  // Requests the warm-up left in flight finish within milliseconds; let them land first.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const amountFor = (requestsPerSecond: number) =>
    Math.max(10, Math.round((requestsPerSecond * settings.seconds) / connections)) * connections;
  let amount = amountFor(warmup.requestsPerSecond);
  for (let attempt = 1; ; attempt++) {
    await beforeMeasuring?.();
    const run = await runInChild({ ...target, connections, pipelining, seconds: settings.seconds, amount }, children);
    // A warm-up slower than the steady state (JIT, caches filling) makes the run too short to
    // count: size it again from the rate just measured, and measure again.
    if (run.seconds >= settings.seconds * 0.8 || attempt === 3) return run;
    amount = amountFor(run.requestsPerSecond);
  }
}

function runInChild(job: LoadJob, children: ChildGroup): Promise<RunSummary> {
  const child = children.add(fork(fileURLToPath(new URL("./load-child.ts", import.meta.url)), { execArgv: ["--import", "tsx"] }));
  return new Promise((resolve, reject) => {
    let summary: RunSummary | undefined;
    child.once("message", (message: RunSummary) => (summary = message));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      summary ? resolve(summary) : reject(new Error(`load generator for ${job.url} exited with ${signal ?? code} and no result`)),
    );
    child.send(job);
  });
}
