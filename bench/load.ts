// The same load against every target: a warm-up, then a measured run of a fixed number of requests,
// sized from the warm-up rate to last about `seconds`. Every run sends a fixed count rather than
// running for a fixed time, because autocannon drops the requests in flight when time is up: a
// metered target would have charged for calls nobody counted, and the ledger checks must match to
// the micro-unit. A Tally adds up every run against a target, warm-ups included: what it charged for.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildGroup } from "@/scripts/lib/app-instances";

export type LoadSettings = { connections: number; pipelining: number; warmupSeconds: number; seconds: number };
export type Target = {
  /** several URLs share the connections equally (two app processes) */
  url: string | string[];
  headers?: Record<string, string>;
  method?: string;
  body?: string;
  /** each request carries the next of these keys as `Authorization: Bearer` (many teams) */
  keys?: string[];
};
export type LoadJob = Target & { connections: number; pipelining: number; amount: number };

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

export type Tally = { runs: number; ok: number; non2xx: number; errors: number; statusCodes: Record<string, number> };

export const newTally = (): Tally => ({ runs: 0, ok: 0, non2xx: 0, errors: 0, statusCodes: {} });

function count(tally: Tally | undefined, run: RunSummary) {
  if (!tally) return;
  tally.runs++;
  tally.ok += run.ok;
  tally.non2xx += run.non2xx;
  tally.errors += run.errors;
  for (const [code, times] of Object.entries(run.statusCodes)) tally.statusCodes[code] = (tally.statusCodes[code] ?? 0) + times;
}

/** Requests for a run of about `seconds` at `requestsPerSecond`, a whole number per connection. */
export const amountFor = (requestsPerSecond: number, seconds: number, connections: number) =>
  Math.max(10, Math.round((requestsPerSecond * seconds) / connections)) * connections;

/** A run of exactly `amount` requests, added to `tally`. */
export async function runFixed(target: Target, settings: LoadSettings, amount: number, children: ChildGroup, tally?: Tally) {
  const run = await runInChild({ ...target, connections: settings.connections, pipelining: settings.pipelining, amount }, children);
  count(tally, run);
  return run;
}

/** A short gauge of the rate, then a warm-up sized from it to last about `warmupSeconds`; returns the warm-up. */
export async function warmUp(target: Target, settings: LoadSettings, children: ChildGroup, tally?: Tally): Promise<RunSummary> {
  const gauge = await runFixed(target, settings, settings.connections * 10, children, tally);
  return runFixed(target, settings, amountFor(gauge.requestsPerSecond, settings.warmupSeconds, settings.connections), children, tally);
}

/** Warm-up, then the measured run. */
export async function measure(target: Target, settings: LoadSettings, children: ChildGroup, tally?: Tally): Promise<RunSummary> {
  const warmup = await warmUp(target, settings, children, tally);
  let amount = amountFor(warmup.requestsPerSecond, settings.seconds, settings.connections);
  for (let attempt = 1; ; attempt++) {
    const run = await runFixed(target, settings, amount, children, tally);
    // A warm-up slower than the steady state (JIT, caches filling) makes the run too short to
    // count: size it again from the rate just measured, and measure again.
    if (run.seconds >= settings.seconds * 0.8 || attempt === 3) return run;
    amount = amountFor(run.requestsPerSecond, settings.seconds, settings.connections);
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
