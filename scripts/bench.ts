// npm run bench: the gateway against baselines on this machine, under the same load.
//   (a) the bench upstream directly, (b) GET /api/ping/bench/ping (a trivial Next.js route with the
//   gateway's route shape: a dynamic segment and a catch-all), (b0) GET /api/ping (the same on a
//   static path), (c) GET /api/gateway/bench/ping with a team key (auth, rate limit, debit, proxy
//   to the same upstream). ratios.gatewayOverRoute is c/b.
// Builds the app when stale, runs it with `next start` on a throwaway PostgreSQL, seeds a team,
// API, plan, subscription and key, measures with autocannon in a child process, prints a table and
// the ratios c/b and c/a, checks that the team was charged exactly price × the 2xx gateway
// responses, and writes bench/results.json. Exit code 1 when the check fails or (c) had errors.
// Then bench/analytics.ts times the usage analytics on 1,000,000 events (results.json `analytics`).
// Ctrl-C stops the app, the upstream and the load generator first, then the database.
// BENCH_CPU_PROFILE_DIR=dir runs the app under `node --cpu-prof` (the profile is written when it stops)
// with its log on the console, and BENCH_ONLY=rest|ai runs one part; either way nothing is written
// to bench/results.json, since a profiled or partial run is not a measurement.
import { fork, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsStale } from "./lib/build-freshness";
import { createDatabaseIfMissing, findFreePort, type RunningPostgres } from "./lib/embedded-postgres";
import { binPath, migrateDeploy } from "./lib/processes";
import { startScratchCluster } from "./lib/scratch-database";
import { onStopRequest, superviseDetached } from "./lib/detached";
import { ChildGroup, startNextApp } from "./lib/app-instances";
import { measure, type LoadSettings } from "../bench/load";
import { printTable, ratios, writeResults, type AiEntry, type Results } from "../bench/report";
import { BENCH_SLUG, seedBench, teamBalance, type BenchSeed } from "../bench/seed";
import { measureAnalytics } from "../bench/analytics";
import { checkAiLedger, measureAi, seedAiBench, startAiUpstream } from "../bench/ai";
import { db, pgPool } from "@/lib/db";

const SETTINGS: LoadSettings = { connections: 32, pipelining: 1, warmupSeconds: 3, seconds: 10 };
const profileDir = process.env.BENCH_CPU_PROFILE_DIR ? path.resolve(process.env.BENCH_CPU_PROFILE_DIR) : undefined;
const only = process.env.BENCH_ONLY as "rest" | "ai" | undefined;
const recording = !profileDir && !only;
const root = process.cwd();
const resultsFile = path.join(root, "bench", "results.json");
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

    const upstreamUrl = await startBenchUpstream(children);
    process.env.DATABASE_URL = databaseUrl; // lib/db, used by bench/seed.ts, reads it on first use
    // This process seeds a million usage events, in statements longer than the app's 5 s limit.
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = "0";
    databaseOpen = true;
    const seed = await seedBench(upstreamUrl);
    const aiUpstreamUrl = await startAiUpstream(children);
    await seedAiBench(aiUpstreamUrl, seed.teamId);
    const port = await findFreePort(3200);
    log(`app on http://127.0.0.1:${port}, upstream on ${upstreamUrl}, PostgreSQL on 127.0.0.1:${cluster.port}`);
    const appProcess = await startNextApp({
      port,
      env: appEnv(databaseUrl, port),
      children,
      cancelled: () => stopRequested,
      stdio: profileDir ? "inherit" : "ignore",
      nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    });
    checkpoint();

    const app = `http://127.0.0.1:${port}`;
    log(
      `load: ${SETTINGS.connections} connections, pipelining ${SETTINGS.pipelining}, ${SETTINGS.warmupSeconds} s warm-up, ~${SETTINGS.seconds} s measured`,
    );
    if (profileDir) await startStatementStatistics();
    const rest = only === "ai" ? undefined : await measureRest(app, upstreamUrl, seed, children);
    if (rest === "failed") return 1;
    checkpoint();
    const ai = only === "rest" ? undefined : await measureAiPart(app, aiUpstreamUrl, seed, rest, children);
    if (ai === "failed") return 1;
    if (profileDir) {
      log(`stopping the app so that it writes its CPU profile to ${path.relative(root, profileDir)}…`);
      log(`the app exited with ${await children.stop(appProcess)}`);
      await writeStatementStatistics(profileDir);
    }
    if (!recording || !rest || !ai) return 0;
    writeResults(
      resultsFile,
      { ...SETTINGS, amount: "measured runs send a fixed number of requests, sized from the warm-up rate to last ~seconds" },
      rest,
      ai,
    );
    log(`wrote ${path.relative(root, resultsFile)}`);
    checkpoint();
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

/** bench/upstream.ts in a process of its own; resolves with its URL once it listens. */
function startBenchUpstream(children: ChildGroup): Promise<string> {
  const child = children.add(fork(fileURLToPath(new URL("../bench/upstream.ts", import.meta.url)), { execArgv: ["--import", "tsx"] }));
  return new Promise((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve(`http://127.0.0.1:${message.port}`));
    child.once("exit", (code) => reject(new Error(`the bench upstream exited with ${code} before listening`)));
  });
}

/** The balance once debits have stopped changing it (they land before each response, so quickly). */
async function settledBalance(teamId: string): Promise<bigint> {
  let previous = await teamBalance(teamId);
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = await teamBalance(teamId);
    if (current === previous) return current;
    previous = current;
  }
  return previous;
}

/** (a), (b0), (b) and (c), then the ledger check of (c). "failed" after logging why. */
async function measureRest(app: string, upstreamUrl: string, seed: BenchSeed, children: ChildGroup): Promise<Required<Results> | "failed"> {
  log("(a) the upstream directly…");
  const upstream = await measure({ url: `${upstreamUrl}/ping` }, SETTINGS, children);
  log("(b0) GET /api/ping…");
  const staticRoute = await measure({ url: `${app}/api/ping` }, SETTINGS, children);
  log("(b) GET /api/ping/bench/ping…");
  const route = await measure({ url: `${app}/api/ping/${BENCH_SLUG}/ping` }, SETTINGS, children);
  const results: Results = { upstream, staticRoute, route };

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
  log("(c) the gateway…");
  let before = 0n;
  results.gateway = await measure(gateway, SETTINGS, children, async () => {
    before = await teamBalance(seed.teamId);
  });
  const after = await settledBalance(seed.teamId);
  printTable(results);
  const all = results as Required<Results>;
  const { gatewayOverRoute, gatewayOverUpstream, gatewayOverStaticRoute } = ratios(all);
  console.log(
    `gateway / route: ${gatewayOverRoute}   gateway / static route: ${gatewayOverStaticRoute}   gateway / upstream: ${gatewayOverUpstream}`,
  );

  const charged = before - after;
  const expected = seed.price * BigInt(all.gateway.ok);
  console.log(`ledger: charged ${charged} micro-units; ${all.gateway.ok} 2xx responses × ${seed.price} = ${expected}`);
  const problems = [
    charged !== expected && `the team was charged ${charged}, expected ${expected}`,
    all.gateway.non2xx > 0 && `the gateway answered ${all.gateway.non2xx} non-2xx responses ${JSON.stringify(all.gateway.statusCodes)}`,
    all.gateway.errors > 0 && `${all.gateway.errors} connection errors against the gateway`,
  ].filter(Boolean);
  for (const problem of problems) log(`FAILED: ${problem}`);
  return problems.length ? "failed" : all;
}

/** (d) and (e) and the streams, then the AI ledger check. "failed" after logging why. */
async function measureAiPart(
  app: string,
  aiUpstreamUrl: string,
  seed: BenchSeed,
  rest: Required<Results> | undefined,
  children: ChildGroup,
): Promise<AiEntry | "failed"> {
  log("(d) the demo AI provider directly, (e) the AI gateway /api/ai/v1/chat/completions, then 50 concurrent streams…");
  const ai = await measureAi({ app, upstream: aiUpstreamUrl, key: seed.key, settings: SETTINGS, children });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the last usage batch closes the last open calls
  const aiProblems = await checkAiLedger(seed.teamId);
  const { direct, gateway, ttft } = ai;
  const aiRatios = {
    aiOverDirect: Number((gateway.requestsPerSecond / direct.requestsPerSecond).toFixed(3)),
    ...(rest && { aiOverRestGateway: Number((gateway.requestsPerSecond / rest.gateway.requestsPerSecond).toFixed(3)) }),
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
  if (gateway.non2xx > 0 || gateway.errors > 0)
    aiProblems.push(`the AI gateway answered ${gateway.non2xx} non-2xx ${JSON.stringify(gateway.statusCodes)}`);
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
