// The bench's table on stdout and bench/results.json (an artifact that is committed, so it holds
// rounded figures and nothing specific to one run's setup such as ports or keys).
import fs from "node:fs";
import os from "node:os";
import type { LoadSettings, RunSummary } from "./load";

export type Results = { upstream: RunSummary; staticRoute: RunSummary; route: RunSummary; gateway?: RunSummary };

const LABELS: Record<keyof Results, string> = {
  upstream: "(a) upstream directly",
  staticRoute: "(b0) GET /api/ping (static route)",
  route: "(b) GET /api/ping/bench/ping (gateway's route shape)",
  gateway: "(c) gateway /api/gateway/bench/ping",
};

export function printTable(results: Results) {
  const rows = [["target", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors", "requests", "seconds"]];
  for (const name of Object.keys(LABELS) as (keyof Results)[]) {
    const run = results[name];
    if (!run) continue;
    rows.push([
      LABELS[name],
      run.requestsPerSecond.toFixed(0),
      String(run.p50Ms),
      String(run.p99Ms),
      String(run.non2xx),
      String(run.errors),
      String(run.completed),
      run.seconds.toFixed(1),
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
}

export function ratios(results: Required<Results>) {
  return {
    gatewayOverRoute: round(results.gateway.requestsPerSecond / results.route.requestsPerSecond, 3),
    gatewayOverUpstream: round(results.gateway.requestsPerSecond / results.upstream.requestsPerSecond, 3),
    gatewayOverStaticRoute: round(results.gateway.requestsPerSecond / results.staticRoute.requestsPerSecond, 3),
  };
}

export type AiEntry = { direct: RunSummary; gateway: RunSummary; ttft: Record<string, number>; ratios: Record<string, number> };

export function writeResults(file: string, settings: LoadSettings & { amount: string }, results: Required<Results>, ai?: AiEntry) {
  const entry = (run: RunSummary) => ({
    requestsPerSecond: Math.round(run.requestsPerSecond),
    p50Ms: run.p50Ms,
    p99Ms: run.p99Ms,
    non2xx: run.non2xx,
    errors: run.errors,
    requests: run.completed,
    seconds: round(run.seconds, 2),
  });
  const data = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version },
    settings,
    results: {
      upstream: entry(results.upstream),
      staticRoute: entry(results.staticRoute),
      route: entry(results.route),
      gateway: entry(results.gateway),
    },
    ratios: ratios(results),
    ...(ai && { ai: { direct: entry(ai.direct), gateway: entry(ai.gateway), ttft: ai.ttft, ratios: ai.ratios } }),
  };
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
