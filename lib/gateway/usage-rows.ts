// A usage event, the row it becomes, and the one statement that inserts a batch of them with their
// hourly rollups: shared by the buffered writer (usage-recorder.ts) and the reconciler of lost calls.
import { pgPool } from "@/lib/db";
import { ROLLUP_ADD, ROLLUP_COLUMNS, ROLLUP_ELIGIBLE, rollupSelect } from "@/lib/usage/rollup-aggregates";

export type UsageEvent = {
  requestId: string;
  teamId: string | null;
  apiKeyId: string | null;
  apiId: string | null;
  method: string;
  path: string;
  status: number;
  errorCode: string | null;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  charged: bigint;
  refunded: bigint;
  createdAt: Date;
  /** AI calls (lib/ai): the model's public id, the canonical token counts and where they came from */
  ai?: { model: string; inputTokens: number; cachedInputTokens: number; outputTokens: number; source: "PROVIDER" | "COUNTED" | "PARTIAL" };
  /** a tool call of the MCP server (lib/mcp): stored as channel `mcp` and the tool's name */
  mcpTool?: string;
  /** a Prompt API call (lib/prompt-apis): the version of the prompt that served it */
  promptVersion?: number;
  /** for the metrics only (lib/metrics), not stored: the API's slug, the gateway's and the upstream's time */
  apiSlug?: string;
  overheadMs?: number;
  upstreamMs?: number;
};

/** The columns of a batch as the statement unnests them: each row field and its PostgreSQL type, in parameter order. */
const COLUMNS = [
  ["r", "text"],
  ["t", "text"],
  ["k", "text"],
  ["a", "text"],
  ["m", "text"],
  ["p", "text"],
  ["s", "int"],
  ["e", "text"],
  ["l", "int"],
  ["bi", "bigint"],
  ["bo", "bigint"],
  ["c", "bigint"],
  ["rf", "bigint"],
  ["at", "timestamptz"],
  ["md", "text"],
  ["it", "int"],
  ["ct", "int"],
  ["ot", "int"],
  ["us", "text"],
  ["tl", "text"],
  ["pv", "int"],
] as const satisfies readonly (readonly [keyof UsageRow, string])[];

// The batch travels as one array per column, unnested once (`input`, read by both statements
// below): a JSON document of the same rows cost PostgreSQL about 11 µs a row to parse, and was parsed
// twice, once for the open calls and once for the events.
//
// Rows whose team, key or API was deleted meanwhile are skipped: a foreign key failure must not
// block the whole batch forever. Only the rows actually inserted (RETURNING) roll up. Events go in
// in request id order and rollup rows in the order of their unique key, so two instances flushing
// batches that overlap (a retried batch) take their locks in the same order and cannot deadlock.
// The same statement closes the batch's open calls (written by the charge): a call is recorded and
// no longer open in one step, so a crash leaves it either open (and reconciled) or recorded. They
// are looked up by their ids (`= ANY`, one probe of the primary key each), whatever the statistics
// say: open_calls is a queue, and planned as the nearly empty table its last ANALYZE saw, `IN
// (SELECT …)` became a walk of its whole index, dead entries included, for every batch.
const INSERT_USAGE = `
WITH input AS (
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})
    AS u(${COLUMNS.map(([name]) => name).join(", ")})
), recorded_calls AS (
  DELETE FROM open_calls WHERE "requestId" = ANY (ARRAY(SELECT r FROM input WHERE c > 0))
), inserted AS (
  INSERT INTO usage_events ("requestId", "teamId", "apiKeyId", "apiId", method, path, status, "errorCode", "latencyMs",
                            "bytesIn", "bytesOut", charged, refunded, "createdAt",
                            model, "inputTokens", "cachedInputTokens", "outputTokens", "usageSource", channel, tool, "promptVersion")
  SELECT u.r, u.t, u.k, u.a, u.m, u.p, u.s, u.e, u.l, u.bi, u.bo, u.c, u.rf, u.at, u.md, u.it, u.ct, u.ot, u.us::"UsageSource",
         CASE WHEN u.tl IS NULL THEN NULL ELSE 'mcp' END, u.tl, u.pv
  FROM input u
  WHERE (u.t IS NULL OR EXISTS (SELECT 1 FROM teams WHERE id = u.t))
    AND (u.k IS NULL OR EXISTS (SELECT 1 FROM api_keys WHERE id = u.k))
    AND (u.a IS NULL OR EXISTS (SELECT 1 FROM apis WHERE id = u.a))
  ORDER BY u.r
  ON CONFLICT ("requestId") DO NOTHING
  RETURNING "teamId", "apiId", "apiKeyId", status, "latencyMs", "bytesIn", "bytesOut", charged, refunded, "createdAt"
)
INSERT INTO usage_rollups (${ROLLUP_COLUMNS})
${rollupSelect(`inserted WHERE ${ROLLUP_ELIGIBLE}`)}
ORDER BY 1, 2, 3, 4
${ROLLUP_ADD}`;

/** An event as it waits in the buffer: compact, with the amounts as the strings the statement takes. */
export type UsageRow = {
  r: string;
  t: string | null;
  k: string | null;
  a: string | null;
  m: string;
  p: string;
  s: number;
  e: string | null;
  l: number;
  bi: number;
  bo: number;
  c: string;
  rf: string;
  at: string;
  md?: string;
  it?: number;
  ct?: number;
  ot?: number;
  us?: string;
  tl?: string;
  pv?: number;
};

export function toRow(event: UsageEvent): UsageRow {
  return {
    r: event.requestId,
    t: event.teamId,
    k: event.apiKeyId,
    a: event.apiId,
    m: event.method,
    p: event.path,
    s: event.status,
    e: event.errorCode,
    l: event.latencyMs,
    bi: event.bytesIn,
    bo: event.bytesOut,
    c: event.charged.toString(),
    rf: event.refunded.toString(),
    at: event.createdAt.toISOString(),
    // Absent fields are written as NULL: REST calls carry no AI fields.
    ...(event.ai && {
      md: event.ai.model,
      it: event.ai.inputTokens,
      ct: event.ai.cachedInputTokens,
      ot: event.ai.outputTokens,
      us: event.ai.source,
    }),
    ...(event.mcpTool && { tl: event.mcpTool }),
    ...(event.promptVersion !== undefined && { pv: event.promptVersion }),
  };
}

/** The statement's parameters: the batch, one array per column in the order of COLUMNS. */
function columnsOf(batch: UsageRow[]): unknown[][] {
  return COLUMNS.map(([column]) => batch.map((row) => row[column] ?? null));
}

export async function insertBatch(batch: UsageRow[]): Promise<void> {
  await pgPool().query({ name: "tollgate_usage_insert", text: INSERT_USAGE, values: columnsOf(batch) });
}
