// Analytics on 1,000,000 usage events: seeds one team with a million calls over 30 days (SQL
// generate_series) and their hourly rollups (the recorder's own aggregation, rollupSelect), then
// times every query the usage page, the keys page and the CSV export run: median of several runs
// each, compared with the same figures aggregated from raw usage_events (the baseline) or, for
// the deep log page, with OFFSET paging. The team also gets the ledger rows the gateway would have
// written for those calls, for the billing page's usage by day and the management usage report.
// Writes the figures under `analytics` in bench/results.json.
//
//   npx tsx bench/analytics.ts      alone, on a throwaway PostgreSQL
//   npm run bench                   after the gateway bench, on the bench's database
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { db, pgPool } from "@/lib/db";
import { ROLLUP_COLUMNS, ROLLUP_ELIGIBLE, rollupSelect } from "@/lib/usage/rollup-aggregates";
import { listRequestLog, type Cursor } from "@/lib/usage/request-log";
import { getUsageByApi, getUsageByKey } from "@/lib/usage/usage-breakdown";
import { getUsageSeries } from "@/lib/usage/usage-series";
import { streamUsageCsv } from "@/lib/usage/usage-csv";
import { parseAnalyticsRange } from "@/lib/usage/analytics-range";
import { listUsageByDay, listUsageByDayFromLedger } from "@/lib/billing/ledger/list-usage-by-day";
import { getUsageSummary } from "@/lib/usage/usage-summary";

const EVENTS = 1_000_000;
const CHUNK = 250_000;
const APIS = 5;
const KEYS = 20;
const RUNS = 7;

type Log = (message: string) => void;
type Timing = { medianMs: number; baselineMs?: number; speedup?: number; sameAsBaseline?: boolean; note?: string };

/** Seeds, measures, and merges the figures into `resultsFile` under `analytics`. Needs DATABASE_URL. */
export async function measureAnalytics({ log, resultsFile }: { log: Log; resultsFile: string }) {
  const started = performance.now();
  const { teamId, apiIds, keyIds } = await seedTeam();
  await seedEvents(teamId, apiIds, keyIds, log);
  const rollupRows = await seedRollups(teamId);
  const ledgerRows = await seedLedger(teamId, log);
  const seedSeconds = round((performance.now() - started) / 1000, 1);
  log(
    `analytics: ${EVENTS.toLocaleString("en")} events and ${rollupRows.toLocaleString("en")} rollup rows and ${ledgerRows.toLocaleString("en")} ledger rows seeded in ${seedSeconds} s; timing queries (median of ${RUNS})…`,
  );

  const now = new Date();
  const range = (key: string) => {
    const parsed = parseAnalyticsRange({ range: key }, now);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.range;
  };
  const queries: Record<string, Timing> = {};
  const compare = async (name: string, fast: () => Promise<unknown>, baseline: () => Promise<unknown>, checkExact = false) => {
    const [a, b] = [await median(fast), await median(baseline, 3)];
    queries[name] = { medianMs: a, baselineMs: b, speedup: round(b / a, 1) };
    // For the money views: the fast result must equal the baseline's, field for field.
    if (checkExact) queries[name].sameAsBaseline = stringify(await fast()) === stringify(await baseline());
    const exact = checkExact ? `   same result: ${queries[name].sameAsBaseline ? "yes" : "NO"}` : "";
    log(`  ${name.padEnd(28)} ${String(a).padStart(8)} ms   raw baseline ${String(b).padStart(8)} ms   x${queries[name].speedup}${exact}`);
  };
  const time = async (name: string, run: () => Promise<unknown>, note?: string) => {
    queries[name] = { medianMs: await median(run), ...(note ? { note } : {}) };
    log(`  ${name.padEnd(28)} ${String(queries[name].medianMs).padStart(8)} ms${note ? `   ${note}` : ""}`);
  };

  for (const key of ["24h", "7d", "30d"]) {
    await compare(
      `series ${key}`,
      () => getUsageSeries(teamId, range(key)),
      () => getUsageSeries(teamId, range(key), "raw"),
    );
  }
  await compare(
    "breakdown by API 30d",
    () => getUsageByApi(teamId, range("30d")),
    () => getUsageByApi(teamId, range("30d"), "raw"),
  );
  await compare(
    "breakdown by key 30d",
    () => getUsageByKey(teamId, range("30d")),
    () => getUsageByKey(teamId, range("30d"), "raw"),
  );

  const month = range("30d");
  await time("log first page", () => listRequestLog(teamId, month, {}, { limit: 50 }));
  await time("log filtered (API + 5xx)", () => listRequestLog(teamId, month, { api: apiIds[1], status: "5xx" }, { limit: 50 }));
  await time("log filtered (key)", () => listRequestLog(teamId, month, { key: keyIds[3] }, { limit: 50 }));
  await time("log filtered (path prefix)", () => listRequestLog(teamId, month, { path: "/v1/items/42" }, { limit: 50 }));
  const sample = await db.usageEvent.findFirstOrThrow({
    where: { teamId },
    skip: 654_321,
    orderBy: { id: "asc" },
    select: { requestId: true },
  });
  await time("log by request id", () => listRequestLog(teamId, month, { requestId: sample.requestId }, { limit: 50 }));
  const deep = await cursorAtOffset(teamId, 500_000);
  const deepKeyset = await median(() => listRequestLog(teamId, month, {}, { before: deep, limit: 50 }));
  const deepOffset = await median(() => offsetPage(teamId, month, 500_000), 3);
  queries["log page at row 500,000"] = {
    medianMs: deepKeyset,
    baselineMs: deepOffset,
    speedup: round(deepOffset / deepKeyset, 1),
    note: "keyset vs OFFSET",
  };
  log(
    `  ${"log page at row 500,000".padEnd(28)} ${String(deepKeyset).padStart(8)} ms   OFFSET paging ${String(deepOffset).padStart(8)} ms   x${queries["log page at row 500,000"].speedup}`,
  );
  await time("CSV first 10,000 rows", () => readCsvRows(teamId, month, 10_000));

  // The billing page's ledger usage per UTC day and API: the first view summarises the 30 settled
  // days once (timed alone), later views read the summaries plus today live. Baseline: the same
  // page grouped straight from the ledger, as before ledger_usage_days.
  const firstViewStart = performance.now();
  await listUsageByDay(teamId, 1);
  queries["ledger usage by day, first view"] = {
    medianMs: round(performance.now() - firstViewStart, 2),
    note: "once per team: summarises every settled day",
  };
  log(
    `  ${"ledger usage by day, first view".padEnd(28)} ${String(queries["ledger usage by day, first view"].medianMs).padStart(8)} ms   once`,
  );
  await compare(
    "ledger usage by day p1",
    () => listUsageByDay(teamId, 1),
    () => listUsageByDayFromLedger(teamId, 1),
    true,
  );
  await compare(
    "ledger usage by day p5",
    () => listUsageByDay(teamId, 5),
    () => listUsageByDayFromLedger(teamId, 5),
    true,
  );

  // The management API's usage report (rollups + raw edges + raw calls that do not roll up).
  const week = range("7d");
  const someApi = await db.api.findUniqueOrThrow({ where: { id: apiIds[2] }, select: { slug: true } });
  await compare(
    "mgmt usage report 30d",
    () => getUsageSummary(teamId, month),
    () => getUsageSummary(teamId, month, undefined, "raw"),
    true,
  );
  await compare(
    "mgmt usage report 7d",
    () => getUsageSummary(teamId, week),
    () => getUsageSummary(teamId, week, undefined, "raw"),
    true,
  );
  await compare(
    "mgmt usage report 30d 1 API",
    () => getUsageSummary(teamId, month, someApi.slug),
    () => getUsageSummary(teamId, month, someApi.slug, "raw"),
    true,
  );

  const analytics = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version },
    dataset: { events: EVENTS, days: 30, apis: APIS, keys: KEYS, rollupRows, ledgerRows, seedSeconds },
    method: `median of ${RUNS} runs (raw baselines and OFFSET: 3) after one warm-up, through the same lib/usage and lib/billing/ledger functions the pages and the management API use; the ledger's first view is timed once`,
    queries,
  };
  const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : {};
  fs.writeFileSync(resultsFile, JSON.stringify({ ...previous, analytics }, null, 2) + "\n");
  return analytics;
}

async function seedTeam() {
  const suffix = Date.now().toString(36);
  const team = await db.team.create({ data: { slug: `analytics-bench-${suffix}`, name: "Analytics bench" } });
  const apiIds: string[] = [];
  for (let i = 0; i < APIS; i++) {
    const api = await db.api.create({
      data: {
        slug: `analytics-${suffix}-${i}`,
        name: `Analytics API ${i}`,
        status: "PUBLISHED",
        upstreamBaseUrl: "http://127.0.0.1:9",
        publishedAt: new Date(),
      },
    });
    apiIds.push(api.id);
  }
  const keyIds: string[] = [];
  for (let i = 0; i < KEYS; i++) {
    const key = await db.apiKey.create({
      data: { teamId: team.id, name: `key ${i}`, hash: `analytics-${suffix}-${i}`, prefix: "tg_test_", lastFour: String(1000 + i) },
    });
    keyIds.push(key.id);
  }
  return { teamId: team.id, apiIds, keyIds };
}

/** A million calls evenly over the last 30 days: ~3% 4xx refusals, ~2% refunded 5xx, skewed latencies. */
async function seedEvents(teamId: string, apiIds: string[], keyIds: string[], log: Log) {
  for (let start = 0; start < EVENTS; start += CHUNK) {
    await pgPool().query(
      `WITH g AS (
         SELECT i, (hashint4(i) & 2147483647)::float8 / 2147483647 AS u, (hashint4(i + 7919) & 2147483647)::float8 / 2147483647 AS v
         FROM generate_series($1::int, $2::int) AS i
       ), c AS (
         SELECT i, u, v, CASE WHEN v < 0.02 THEN 502 WHEN v < 0.035 THEN 429 WHEN v < 0.05 THEN 404 ELSE 200 END AS status FROM g
       )
       INSERT INTO usage_events ("requestId", "teamId", "apiKeyId", "apiId", method, path, status, "errorCode", "latencyMs", "bytesIn", "bytesOut", charged, refunded, "createdAt")
       SELECT 'bench_' || i, $3, ($5::text[])[1 + (i / 7) % ${KEYS}], ($4::text[])[1 + i % ${APIS}],
              CASE WHEN i % 5 = 0 THEN 'POST' ELSE 'GET' END, '/v1/items/' || (i % 1000), status,
              CASE status WHEN 429 THEN 'rate_limited' WHEN 502 THEN 'upstream_unavailable' ELSE NULL END,
              floor(2 + 800 * u * u * u)::int + CASE WHEN v > 0.99 THEN 5000 ELSE 0 END, 120, 900,
              CASE WHEN status IN (429) THEN 0 ELSE 1000 END, CASE WHEN status = 502 THEN 1000 ELSE 0 END,
              now() - interval '30 days' * (i::float8 / $6)
       FROM c`,
      [start, Math.min(start + CHUNK, EVENTS) - 1, teamId, apiIds, keyIds, EVENTS],
    );
    log(`analytics: seeded ${Math.min(start + CHUNK, EVENTS).toLocaleString("en")} events`);
  }
}

/** The rollups as the recorder would have written them: the very same aggregation text. */
async function seedRollups(teamId: string): Promise<number> {
  await pgPool().query(
    `INSERT INTO usage_rollups (${ROLLUP_COLUMNS}) ${rollupSelect(`usage_events WHERE "teamId" = $1 AND ${ROLLUP_ELIGIBLE}`)}`,
    [teamId],
  );
  await pgPool().query("ANALYZE usage_events");
  await pgPool().query("ANALYZE usage_rollups");
  return db.usageRollup.count({ where: { teamId } });
}

/**
 * The ledger the gateway would have written for those calls: one USAGE row per event (at the
 * event's time, same API) and a USAGE_REFUND two seconds later for every 502, so refunds near
 * midnight land on the next UTC day. A GRANT first, and teams.balance set to the ledger's sum
 * (balance == sum(amount) holds as in the app). createdAt is a UTC timestamp without time zone.
 */
async function seedLedger(teamId: string, log: Log): Promise<number> {
  await pgPool().query(
    `INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, reason, "createdAt")
     VALUES (gen_random_uuid()::text, $1, 'GRANT', $2::bigint, 'bench credit', (now() - interval '31 days') AT TIME ZONE 'UTC')`,
    [teamId, String(EVENTS * 2000)],
  );
  await pgPool().query(
    `INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "requestId", "apiId", "createdAt")
     SELECT gen_random_uuid()::text, $1, 'USAGE', -1000, e."requestId", e."apiId", e."createdAt" AT TIME ZONE 'UTC'
     FROM usage_events e WHERE e."teamId" = $1`,
    [teamId],
  );
  log(`analytics: seeded ${EVENTS.toLocaleString("en")} ledger USAGE rows`);
  await pgPool().query(
    `INSERT INTO credit_ledger_entries (id, "teamId", kind, amount, "externalRef", "requestId", "apiId", reason, "createdAt")
     SELECT gen_random_uuid()::text, $1, 'USAGE_REFUND', 1000, 'refund:' || e."requestId", e."requestId", e."apiId", 'upstream_unavailable',
            (e."createdAt" + interval '2 seconds') AT TIME ZONE 'UTC'
     FROM usage_events e WHERE e."teamId" = $1 AND e.status = 502`,
    [teamId],
  );
  await pgPool().query(`UPDATE teams SET balance = (SELECT sum(amount) FROM credit_ledger_entries WHERE "teamId" = $1) WHERE id = $1`, [
    teamId,
  ]);
  await pgPool().query("ANALYZE credit_ledger_entries");
  return db.creditLedgerEntry.count({ where: { teamId } });
}

async function cursorAtOffset(teamId: string, offset: number): Promise<Cursor> {
  const { rows } = await pgPool().query<{ createdAt: Date; id: string }>(
    `SELECT "createdAt", id FROM usage_events WHERE "teamId" = $1 ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`,
    [teamId, offset],
  );
  return { createdAt: rows[0]!.createdAt, id: BigInt(rows[0]!.id) };
}

/** What a page deep in the log costs with OFFSET instead of a keyset cursor. */
async function offsetPage(teamId: string, range: { from: Date; to: Date }, offset: number) {
  await pgPool().query(
    `SELECT e.* FROM usage_events e WHERE e."teamId" = $1 AND e."createdAt" >= $2 AND e."createdAt" < $3 ORDER BY e."createdAt" DESC, e.id DESC OFFSET $4 LIMIT 50`,
    [teamId, range.from, range.to, offset],
  );
}

async function readCsvRows(teamId: string, range: { from: Date; to: Date }, rows: number) {
  const reader = streamUsageCsv(teamId, range, {}, rows).getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

async function median(run: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await run(); // warm-up: plan cache, buffers
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor(times.length / 2)]!, 2);
}

const stringify = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
const round = (value: number, digits: number) => Number(value.toFixed(digits));

async function standalone() {
  const { startScratchCluster } = await import("../scripts/lib/scratch-database");
  const { createDatabaseIfMissing } = await import("../scripts/lib/embedded-postgres");
  const { migrateDeploy } = await import("../scripts/lib/processes");
  const log: Log = (message) => console.log(`[bench] ${message}`);
  delete process.env.DATABASE_URL; // always the throwaway cluster, never a configured database
  const cluster = await startScratchCluster();
  try {
    await createDatabaseIfMissing(cluster.url("postgres"), "tollgate_analytics_bench");
    const url = cluster.url("tollgate_analytics_bench");
    await migrateDeploy(url);
    process.env.DATABASE_URL = url;
    const resultsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "results.json");
    await measureAnalytics({ log, resultsFile });
    log(`wrote ${path.relative(process.cwd(), resultsFile)} (analytics)`);
  } finally {
    if (process.env.DATABASE_URL) {
      await db.$disconnect();
      await pgPool().end(); // lib/db hands Prisma its own pool, which $disconnect leaves open
    }
    await cluster.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  standalone().then(
    () => process.exit(0),
    (error) => {
      console.error(`[bench] ${error instanceof Error ? error.stack : error}`);
      process.exit(1);
    },
  );
}
