// The bench's table on stdout and bench/results.json (an artifact that is committed, so it holds
// rounded figures and nothing specific to one run's setup such as ports or keys).
import fs from "node:fs";
import os from "node:os";
import type { LoadSettings, RunSummary } from "./load";
import { rateRatio } from "./rounds";

export type Results = {
  upstream?: RunSummary;
  staticRoute?: RunSummary;
  route?: RunSummary;
  /** the median of the alternating rounds, like bareProxy */
  gateway?: RunSummary;
  bareProxy?: RunSummary;
};
/** Requests per second of each alternating round, in order. */
export type Rounds = { gateway: number[]; bareProxy: number[] };
/** A money check's figures: `calls` 2xx answers charged `charged` micro-units, exactly price × calls; credit leases the teams took. */
export type LedgerFigures = { calls: number; charged: bigint; teams: number; leasesTaken: number };
export type MultiEntry = {
  processes: number;
  hotTeam: RunSummary;
  manyTeams: RunSummary;
  teams: number;
  ledger: Record<string, LedgerFigures>;
};
export type AiEntry = { direct: RunSummary; gateway: RunSummary; ttft: Record<string, number>; ratios: Record<string, number> };

const LABELS: Record<string, string> = {
  upstream: "(a) upstream directly",
  staticRoute: "(b0) GET /api/ping (static route)",
  route: "(b) GET /api/ping/bench/ping (gateway's route shape)",
  gateway: "(c) gateway /api/gateway/bench/ping, median round",
  bareProxy: "(p) bare node:http + undici proxy, median round",
  hotTeam: "(m1) 2 app processes, 1 hot team",
  manyTeams: "(m2) 2 app processes, 1,000 teams",
};

export function printTable(results: Record<string, RunSummary | undefined>) {
  const rows = [["target", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors", "requests", "seconds"]];
  for (const [name, run] of Object.entries(results)) {
    if (!run) continue;
    rows.push([
      LABELS[name] ?? name,
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

/** The gateway over each baseline that was measured. */
export function ratios(results: Results): Record<string, number> {
  const { gateway, route, upstream, staticRoute, bareProxy } = results;
  if (!gateway) return {};
  return {
    ...(route && { gatewayOverRoute: rateRatio(gateway, route) }),
    ...(upstream && { gatewayOverUpstream: rateRatio(gateway, upstream) }),
    ...(staticRoute && { gatewayOverStaticRoute: rateRatio(gateway, staticRoute) }),
    ...(bareProxy && { gatewayOverBareProxy: rateRatio(gateway, bareProxy) }),
  };
}

const entry = (run: RunSummary) => ({
  requestsPerSecond: Math.round(run.requestsPerSecond),
  p50Ms: run.p50Ms,
  p99Ms: run.p99Ms,
  non2xx: run.non2xx,
  errors: run.errors,
  requests: run.completed,
  seconds: round(run.seconds, 2),
});

const ledgerEntry = (figures: LedgerFigures) => ({ ...figures, charged: figures.charged.toString(), exact: true });

/** Writes what was measured; parts that did not run are left out. */
export function writeResults(
  file: string,
  settings: Record<string, LoadSettings | string | number>,
  parts: { rest?: Results; rounds?: Rounds; restLedger?: LedgerFigures; ai?: AiEntry; multi?: MultiEntry },
) {
  const { rest, rounds, restLedger, ai, multi } = parts;
  const data = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version },
    settings,
    ...(rest && {
      results: Object.fromEntries(Object.entries(rest).flatMap(([name, run]) => (run ? [[name, entry(run)]] : []))),
      ratios: ratios(rest),
    }),
    ...(rounds && {
      rounds: {
        ...rounds,
        // Each gateway round over the bare proxy's round right after it: on a machine whose speed
        // drifts (a shared VM), the pairs show how far the median ratio can be trusted.
        pairRatios: rounds.gateway.map((rate, index) => Number((rate / rounds.bareProxy[index]!).toFixed(3))),
        pick: `the median of ${rounds.gateway.length} alternating rounds, for both`,
      },
    }),
    ...(restLedger && { ledger: { gateway: ledgerEntry(restLedger) } }),
    ...(multi && {
      multi: {
        processes: multi.processes,
        teams: multi.teams,
        hotTeam: entry(multi.hotTeam),
        manyTeams: entry(multi.manyTeams),
        ledger: Object.fromEntries(Object.entries(multi.ledger).map(([name, figures]) => [name, ledgerEntry(figures)])),
      },
    }),
    ...(ai && { ai: { direct: entry(ai.direct), gateway: entry(ai.gateway), ttft: ai.ttft, ratios: ai.ratios } }),
  };
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
