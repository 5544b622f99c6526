// npm run bench: the gateway against baselines on this machine, under the same load.
//   (a) the bench upstream directly, (b) GET /api/ping/bench/ping (a trivial Next.js route with the
//   gateway's route shape: a dynamic segment and a catch-all), (b0) GET /api/ping (the same on a
//   static path), then in alternating rounds (c) GET /api/gateway/bench/ping with a team key (auth,
//   rate limit, debit, proxy to the same upstream) and (p) a bare node:http + undici proxy of the same
//   upstream (bench/bare-proxy.ts); the median round of each counts. ratios.gatewayOverRoute is c/b,
//   ratios.gatewayOverBareProxy c/p. Then the AI path (bench/ai.ts), then (m1) and (m2): two app
//   processes on the one database, one hot team and 1,000 teams (bench/multi.ts).
// Builds the app when stale, runs it with scripts/serve.ts on a throwaway PostgreSQL, seeds a team,
// API, plan, subscription and key, measures with autocannon in a child process, prints a table and
// the ratios, checks that every answer of every phase was a 2xx, that the teams were charged exactly
// price × their 2xx answers (warm-ups included) and that the ledger invariant holds (bench/ledger-check.ts),
// and writes bench/results.json. Exit code 1 when a check fails.
// Then bench/analytics.ts times the usage analytics on 1,000,000 events (results.json `analytics`).
// Ctrl-C stops the app, the upstream and the load generator first, then the database.
// BENCH_CPU_PROFILE_DIR=dir runs the app (and the bare proxy) under `node --cpu-prof` (written when they stop)
// with its log on the console. BENCH_ONLY=rest|bare|ai|multi (or a comma list) runs those parts: rest
// is (a), (b0), (b) and the rounds of (c) and (p); bare the rounds alone. A profiled or partial run
// writes no results (it is not a measurement) unless BENCH_RESULTS_FILE names a file for them.
// BENCH_SECONDS=n makes every measured run about n seconds (warm-ups at most half that) and
// BENCH_ROUNDS=n sets the number of alternating rounds (5): for a quick check that everything runs.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildIsStale } from "./lib/build-freshness";
import { createDatabaseIfMissing, findFreePort, type RunningPostgres } from "./lib/embedded-postgres";
import { binPath, migrateDeploy } from "./lib/processes";
import { startScratchCluster } from "./lib/scratch-database";
import { onStopRequest, superviseDetached } from "./lib/detached";
import { ChildGroup, startNextApp } from "./lib/app-instances";
import { spawn, type ChildProcess } from "node:child_process";
import { measure, newTally, type LoadSettings, type RunSummary, type Target } from "../bench/load";
import {
  printTable,
  ratios,
  writeResults,
  type AiEntry,
  type LedgerFigures,
  type MultiEntry,
  type Results,
  type Rounds,
} from "../bench/report";
import { BENCH_SLUG, seedBench, type BenchSeed } from "../bench/seed";
import { measureAnalytics } from "../bench/analytics";
import { checkAiLedger, measureAi, seedAiBench, startAiUpstream } from "../bench/ai";
import { forkServer } from "../bench/fork-server";
import { alternate, medianRun, rateRatio } from "../bench/rounds";
import {
  answerProblems,
  chargeProblems,
  invariantProblems,
  invariantViolations,
  leasesTaken,
  settledLedgerCredit,
} from "../bench/ledger-check";
import { measureMulti } from "../bench/multi";
import { db, pgPool } from "@/lib/db";

const PARTS = ["rest", "bare", "ai", "multi"] as const;
type Part = (typeof PARTS)[number];
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((part) => part.trim())) : undefined;
for (const part of only ?? []) if (!PARTS.includes(part as Part)) throw new Error(`BENCH_ONLY: "${part}" is none of ${PARTS.join(", ")}`);
const runs = (part: Part) => !only || only.has(part);

const quickSeconds = process.env.BENCH_SECONDS ? Number(process.env.BENCH_SECONDS) : undefined;
if (quickSeconds !== undefined && !(quickSeconds > 0)) throw new Error("BENCH_SECONDS must be a number of seconds above 0");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error("BENCH_ROUNDS must be a whole number of rounds, 1 or more");
/** 32 connections everywhere; measured seconds per run shorter where the figure is steady. */
const settingsFor = (seconds: number, warmupSeconds: number): LoadSettings => ({
  connections: 32,
  pipelining: 1,
  seconds: quickSeconds ?? seconds,
  warmupSeconds: quickSeconds ? Math.min(warmupSeconds, quickSeconds / 2) : warmupSeconds,
});
const SETTINGS = {
  /** (a), (b0), (b): the upstream's and the routes' rates barely move from run to run */
  baselines: settingsFor(6, 2),
  /** (c) and (p), per round */
  rounds: settingsFor(5, 3),
  ai: settingsFor(8, 3),
  multi: settingsFor(6, 3),
};
const profileDir = process.env.BENCH_CPU_PROFILE_DIR ? path.resolve(process.env.BENCH_CPU_PROFILE_DIR) : undefined;
const root = process.cwd();
const resultsFile = process.env.BENCH_RESULTS_FILE
  ? path.resolve(process.env.BENCH_RESULTS_FILE)
  : path.join(root, "bench", "results.json");
const recording = process.env.BENCH_RESULTS_FILE ? true : !profileDir && !only;
const log = (message: string) => console.log(`[bench] ${message}`);

if (process.env.BENCH_INNER === "1") {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[bench] ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
} else {
  superviseDetached(import.meta.url, "BENCH_INNER");
}

async function main(): Promise<number> {
  let stopRequested = false;
  const children = new ChildGroup();
  onStopRequest(() => {
    if (!stopRequested) log("stopping…");
    stopRequested = true;
    children.signalAll();
  });
  const checkpoint = () => {
    if (stopRequested) throw new Error("stopped");
  };
  let cluster: RunningPostgres | undefined;
  let databaseOpen = false;

  try {
    if (buildIsStale(root)) {
      log("building (sources changed since the last build)…");
      const build = children.add(spawn(process.execPath, [binPath("next"), "build"], { stdio: "inherit" }));
      if ((await children.exited(build)) !== 0) throw new Error(stopRequested ? "stopped" : "next build failed");
    }
    checkpoint();
    cluster = await startScratchCluster(profileDir ? { shared_preload_libraries: "pg_stat_statements" } : undefined);
    await createDatabaseIfMissing(cluster.url("postgres"), "tollgate_bench");
    const databaseUrl = cluster.url("tollgate_bench");
    await migrateDeploy(databaseUrl);
    checkpoint();

    const upstreamUrl = await forkServer("upstream.ts", children);
    const bareProxyUrl =
      runs("rest") || runs("bare") ? await forkServer("bare-proxy.ts", children, { BARE_PROXY_UPSTREAM: upstreamUrl }) : "";
    process.env.DATABASE_URL = databaseUrl; // lib/db, used by bench/seed.ts, reads it on first use
    // This process seeds a million usage events, in statements longer than the app's 5 s limit.
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = "0";
    databaseOpen = true;
    const seed = await seedBench(upstreamUrl);
    const aiUpstreamUrl = await startAiUpstream(children);
    await seedAiBench(aiUpstreamUrl, seed.teamId);
    const startApp = async (): Promise<{ url: string; process: ChildProcess }> => {
      const port = await findFreePort(3200);
      const child = await startNextApp({
        port,
        env: appEnv(databaseUrl, port),
        children,
        cancelled: () => stopRequested,
        stdio: profileDir ? "inherit" : "ignore",
        nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
      });
      return { url: `http://127.0.0.1:${port}`, process: child };
    };
    const app = await startApp();
    log(`app on ${app.url}, upstream on ${upstreamUrl}, bare proxy on ${bareProxyUrl || "-"}, PostgreSQL on 127.0.0.1:${cluster.port}`);
    checkpoint();
    const partsOf = { baselines: ["rest"], rounds: ["rest", "bare"], ai: ["ai"], multi: ["multi"] } satisfies Record<
      keyof typeof SETTINGS,
      Part[]
    >;
    for (const [name, settings] of Object.entries(SETTINGS)) {
      if (!partsOf[name as keyof typeof SETTINGS].some(runs)) continue;
      const rounds = name === "rounds" ? `, ${ROUNDS} rounds each` : "";
      log(
        `load (${name}): ${settings.connections} connections, ${settings.warmupSeconds} s warm-up, ~${settings.seconds} s measured${rounds}`,
      );
    }
    if (profileDir) await startStatementStatistics();

    const rest = runs("rest") || runs("bare") ? await measureRest(app.url, upstreamUrl, bareProxyUrl, seed, children) : undefined;
    if (rest === "failed") return 1;
    checkpoint();
    const ai = runs("ai") ? await measureAiPart(app.url, aiUpstreamUrl, seed, rest?.results.gateway, children) : undefined;
    if (ai === "failed") return 1;
    checkpoint();
    let multi: MultiEntry | undefined;
    if (runs("multi")) {
      log("starting a second app process on the same database…");
      const second = await startApp();
      const measured = await measureMulti({
        apps: [app.url, second.url],
        stopApps: async () => void (await Promise.all([children.stop(app.process), children.stop(second.process)])),
        seed,
        settings: SETTINGS.multi,
        children,
        log,
      });
      printTable({ hotTeam: measured.entry.hotTeam, manyTeams: measured.entry.manyTeams });
      for (const problem of measured.problems) log(`FAILED: ${problem}`);
      if (measured.problems.length) return 1;
      multi = measured.entry;
    }
    if (profileDir) {
      log(`stopping the app so that it writes its CPU profile to ${path.relative(root, profileDir)}…`);
      log(`the app exited with ${await children.stop(app.process)}`);
      await writeStatementStatistics(profileDir);
    }
    if (!recording) return 0;
    writeResults(
      resultsFile,
      { ...SETTINGS, rounds: ROUNDS, amount: "every run sends a fixed number of requests, sized from the last rate to last ~seconds" },
      {
        rest: rest?.results,
        rounds: rest?.rounds,
        restLedger: rest?.ledger,
        ai,
        multi,
      },
    );
    log(`wrote ${path.relative(root, resultsFile)}`);
    checkpoint();
    if (only) return 0;
    await measureAnalytics({ log, resultsFile }); // usage analytics on 1,000,000 events, merged into the same file
    log(`wrote ${path.relative(root, resultsFile)} (analytics)`);
    return 0;
  } catch (error) {
    if (!stopRequested) throw error;
    log("stopped");
    return 130;
  } finally {
    if (databaseOpen) {
      await db.$disconnect();
      await pgPool().end(); // lib/db hands Prisma its own pool, which $disconnect leaves open
    }
    await children.stopAll();
    if (cluster) await cluster.stop();
  }
}

function appEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    APP_URL: `http://localhost:${port}`,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    TOLLGATE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    ALLOW_PRIVATE_UPSTREAMS: "true", // the bench upstream listens on 127.0.0.1
    SMTP_URL: "",
  };
  delete env.BENCH_INNER;
  delete env.DATABASE_STATEMENT_TIMEOUT_MS; // the app runs with its default; only the seeding here needs none
  return env;
}

type RestPart = { results: Results; rounds: Rounds; ledger: LedgerFigures };

/**
 * (a), (b0) and (b) unless BENCH_ONLY=bare, then the alternating rounds of (c) and (p), then the
 * money check of every gateway call since the probe. "failed" after logging why.
 */
async function measureRest(app: string, upstreamUrl: string, bareProxyUrl: string, seed: BenchSeed, children: ChildGroup) {
  const results: Results = {};
  const problems: string[] = [];
  const baseline = async (name: keyof Results, label: string, target: Target) => {
    log(`${label}…`);
    const tally = newTally();
    results[name] = await measure(target, SETTINGS.baselines, children, tally);
    problems.push(...answerProblems(label, tally));
  };
  if (runs("rest")) {
    await baseline("upstream", "(a) the upstream directly", { url: `${upstreamUrl}/ping` });
    await baseline("staticRoute", "(b0) GET /api/ping", { url: `${app}/api/ping` });
    await baseline("route", "(b) GET /api/ping/bench/ping", { url: `${app}/api/ping/${BENCH_SLUG}/ping` });
  }

  const gateway = { url: `${app}/api/gateway/${BENCH_SLUG}/ping`, headers: { authorization: `Bearer ${seed.key}` } };
  // One call first: it fills the key and route caches, and a gateway that cannot serve at all
  // fails here with its own answer rather than as thousands of errors.
  const probe = await fetch(gateway.url, { headers: gateway.headers }).catch((error: Error) => {
    throw new Error(`the gateway probe failed: ${error.cause ?? error.message}`);
  });
  if (!probe.ok) {
    printTable(results);
    log(`the gateway answered ${probe.status}: ${(await probe.text()).slice(0, 500)}`);
    return "failed";
  }
  const before = await settledLedgerCredit([seed.teamId]);
  const tallies = { gateway: newTally(), bareProxy: newTally() };
  log(`(c) the gateway and (p) the bare proxy, ${ROUNDS} alternating rounds after one warm-up each…`);
  const [gatewayRuns, bareRuns] = await alternate(
    [
      { target: gateway, tally: tallies.gateway, label: "(c) gateway" },
      { target: { url: `${bareProxyUrl}/ping` }, tally: tallies.bareProxy, label: "(p) bare proxy" },
    ],
    SETTINGS.rounds,
    ROUNDS,
    children,
    log,
  );
  const charged = before - (await settledLedgerCredit([seed.teamId]));
  results.gateway = medianRun(gatewayRuns!);
  results.bareProxy = medianRun(bareRuns!);
  printTable(results);
  console.log(`ratios: ${JSON.stringify(ratios(results))}`);
  const pairs = gatewayRuns!.map((run, index) => (run.requestsPerSecond / bareRuns![index]!.requestsPerSecond).toFixed(2));
  console.log(`each round's gateway over the bare proxy round after it: ${pairs.join(", ")}`);
  const leases = await leasesTaken([seed.teamId]);
  console.log(
    `ledger: ${tallies.gateway.ok} gateway 2xx (warm-up and rounds) charged ${charged} micro-units, price ${seed.price} each; ${leases} credit leases taken`,
  );
  problems.push(
    ...chargeProblems("(c) the gateway, every round", { charged, price: seed.price, tally: tallies.gateway }),
    ...invariantProblems("(c) after the gateway rounds", await invariantViolations([seed.teamId])),
    ...answerProblems("(p) the bare proxy", tallies.bareProxy),
  );
  for (const problem of problems) log(`FAILED: ${problem}`);
  if (problems.length) return "failed";
  const rps = (runs: RunSummary[]) => runs.map((run) => Math.round(run.requestsPerSecond));
  return {
    results,
    rounds: { gateway: rps(gatewayRuns!), bareProxy: rps(bareRuns!) },
    ledger: { calls: tallies.gateway.ok, charged, teams: 1, leasesTaken: leases },
  } satisfies RestPart;
}

/** (d) and (e) and the streams, then the AI ledger check. "failed" after logging why. */
async function measureAiPart(
  app: string,
  aiUpstreamUrl: string,
  seed: BenchSeed,
  restGateway: RunSummary | undefined,
  children: ChildGroup,
): Promise<AiEntry | "failed"> {
  log("(d) the demo AI provider directly, (e) the AI gateway /api/ai/v1/chat/completions, then 50 concurrent streams…");
  const ai = await measureAi({ app, upstream: aiUpstreamUrl, key: seed.key, settings: SETTINGS.ai, children });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the last usage batch closes the last open calls
  const aiProblems = await checkAiLedger(seed.teamId);
  const { direct, gateway, ttft } = ai;
  const aiRatios = {
    aiOverDirect: rateRatio(gateway, direct),
    ...(restGateway && { aiOverRestGateway: rateRatio(gateway, restGateway) }),
    ttftAddedP50Ms: Number((ttft.gatewayP50Ms - ttft.directP50Ms).toFixed(1)),
    ttftAddedP99Ms: Number((ttft.gatewayP99Ms - ttft.directP99Ms).toFixed(1)),
    burstTtftAddedP50Ms: Number((ttft.burstGatewayP50Ms - ttft.burstDirectP50Ms).toFixed(1)),
    burstTtftAddedP99Ms: Number((ttft.burstGatewayP99Ms - ttft.burstDirectP99Ms).toFixed(1)),
  };
  console.log(`AI: direct ${direct.requestsPerSecond.toFixed(0)} req/s, gateway ${gateway.requestsPerSecond.toFixed(0)} req/s`);
  console.log(
    `AI: first byte with 50 streams in flight (${ttft.streamsMeasured} measured): direct p50 ${ttft.directP50Ms} ms, p99 ${ttft.directP99Ms} ms; ` +
      `gateway p50 ${ttft.gatewayP50Ms} ms, p99 ${ttft.gatewayP99Ms} ms`,
  );
  console.log(
    `AI: first byte of 50 streams opened at once: direct p50 ${ttft.burstDirectP50Ms} ms, p99 ${ttft.burstDirectP99Ms} ms; ` +
      `gateway p50 ${ttft.burstGatewayP50Ms} ms, p99 ${ttft.burstGatewayP99Ms} ms`,
  );
  console.log(`AI ratios: ${JSON.stringify(aiRatios)}`);
  aiProblems.push(
    ...answerProblems("(d) the AI provider directly", ai.tallies.direct),
    ...answerProblems("(e) the AI gateway", ai.tallies.gateway),
  );
  for (const problem of aiProblems) log(`FAILED: ${problem}`);
  return aiProblems.length ? "failed" : { direct, gateway, ttft, ratios: aiRatios };
}

/** Counts the app's statements from here on (the seeding's do not count). */
async function startStatementStatistics() {
  await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await db.$queryRawUnsafe("SELECT pg_stat_statements_reset()");
}

/** The statements of the profiled run by total time, beside the CPU profile. */
async function writeStatementStatistics(dir: string) {
  const rows = await db.$queryRawUnsafe<{ calls: bigint; total_ms: number; mean_ms: number; rows: bigint; query: string }[]>(
    `SELECT calls, round(total_exec_time::numeric, 1)::float AS total_ms, round(mean_exec_time::numeric, 3)::float AS mean_ms, rows,
            regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`,
  );
  const lines = rows.map((row) => `${row.calls}\t${row.total_ms}\t${row.mean_ms}\t${row.rows}\t${row.query.slice(0, 300)}`);
  const file = path.join(dir, "pg_stat_statements.tsv");
  fs.writeFileSync(file, ["calls\ttotal_ms\tmean_ms\trows\tquery", ...lines].join("\n") + "\n");
  log(`wrote ${path.relative(root, file)}`);
}
