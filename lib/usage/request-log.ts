// The request log: a team's usage events newest first, filtered, paged by keyset on
// (createdAt, id) so page 1,000 costs what page 1 costs (no OFFSET). The redundant bound on
// createdAt alone lets the (teamId, createdAt), (teamId, apiId, createdAt) and
// (apiKeyId, createdAt) indexes start the scan at the cursor.
import { db, Prisma, type UsageSource } from "@/lib/db";
import { maskApiKey } from "@/lib/keys/key-format";
import { STATUS_CLASSES, type LogFilters } from "@/lib/usage/log-filters";
import type { TimeRange } from "@/lib/usage/usage-source";

export type LogEntry = {
  id: bigint;
  requestId: string;
  createdAt: Date;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  /** charged minus refunded, micro-units */
  charge: bigint;
  errorCode: string | null;
  api: { id: string; name: string; slug: string } | null;
  key: { id: string; name: string; masked: string } | null;
  /** AI calls only: the model and its tokens (cached input is part of input) and where the counts came from */
  ai: AiLogDetail | null;
  /** the MCP tool the call served, when an agent made it through /api/mcp */
  mcpTool: string | null;
};

export type AiLogDetail = {
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  usageSource: UsageSource | null;
};

export type Cursor = { createdAt: Date; id: bigint };
/** `before`: older than the cursor (the next page); `after`: newer (the previous page). */
type PageRequest = { before?: Cursor; after?: Cursor; limit: number };
export type LogPage = { entries: LogEntry[]; older: Cursor | null; newer: Cursor | null };

type Row = {
  id: bigint;
  requestId: string;
  createdAt: Date;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  charged: bigint;
  refunded: bigint;
  errorCode: string | null;
  apiId: string | null;
  apiName: string | null;
  apiSlug: string | null;
  apiKeyId: string | null;
  keyName: string | null;
  keyPrefix: string | null;
  keyLastFour: string | null;
  model: string | null;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  outputTokens: number | null;
  usageSource: UsageSource | null;
  channel: string | null;
  tool: string | null;
};

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.createdAt.toISOString()}~${cursor.id}`;
}

/** null for anything that is not a cursor this module wrote */
export function decodeCursor(text: string | undefined): Cursor | null {
  const match = text ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d{1,19})$/.exec(text) : null;
  if (!match) return null;
  const createdAt = new Date(match[1]!);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: BigInt(match[2]!) };
}

function conditions(teamId: string, range: TimeRange, filters: LogFilters): Prisma.Sql[] {
  const where = [Prisma.sql`e."teamId" = ${teamId}`, Prisma.sql`e."createdAt" >= ${range.from}`, Prisma.sql`e."createdAt" < ${range.to}`];
  // The URL names the API by its slug (readable, stable); links from before carry its id, which still works.
  if (filters.api)
    where.push(
      Prisma.sql`e."apiId" = (SELECT a.id FROM apis a WHERE a.slug = ${filters.api} OR a.id = ${filters.api} ORDER BY a.slug = ${filters.api} DESC LIMIT 1)`,
    );
  if (filters.key) where.push(Prisma.sql`e."apiKeyId" = ${filters.key}`);
  if (filters.status) {
    const [from, to] = STATUS_CLASSES[filters.status];
    where.push(Prisma.sql`e.status >= ${from} AND e.status < ${to}`);
  }
  if (filters.method) where.push(Prisma.sql`e.method = ${filters.method}`);
  if (filters.requestId) where.push(Prisma.sql`e."requestId" = ${filters.requestId}`);
  if (filters.path) where.push(Prisma.sql`starts_with(e.path, ${filters.path})`);
  return where;
}

export async function listRequestLog(teamId: string, range: TimeRange, filters: LogFilters, page: PageRequest): Promise<LogPage> {
  const where = conditions(teamId, range, filters);
  const newerFirst = !page.after;
  if (page.before)
    where.push(
      Prisma.sql`e."createdAt" <= ${page.before.createdAt} AND (e."createdAt", e.id) < (${page.before.createdAt}, ${page.before.id})`,
    );
  if (page.after)
    where.push(
      Prisma.sql`e."createdAt" >= ${page.after.createdAt} AND (e."createdAt", e.id) > (${page.after.createdAt}, ${page.after.id})`,
    );
  const order = newerFirst ? Prisma.sql`e."createdAt" DESC, e.id DESC` : Prisma.sql`e."createdAt" ASC, e.id ASC`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT e.id, e."requestId", e."createdAt", e.method, e.path, e.status, e."latencyMs", e.charged, e.refunded, e."errorCode",
           e."apiId", a.name AS "apiName", a.slug AS "apiSlug",
           e."apiKeyId", k.name AS "keyName", k.prefix AS "keyPrefix", k."lastFour" AS "keyLastFour",
           e.model, e."inputTokens", e."cachedInputTokens", e."outputTokens", e."usageSource"::text AS "usageSource",
           e.channel, e.tool
    FROM usage_events e
    LEFT JOIN apis a ON a.id = e."apiId"
    LEFT JOIN api_keys k ON k.id = e."apiKeyId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${page.limit + 1}`;
  const more = rows.length > page.limit;
  const entries = rows.slice(0, page.limit).map(toEntry);
  if (!newerFirst) entries.reverse();
  const cursorOf = (entry: LogEntry | undefined) => (entry ? { createdAt: entry.createdAt, id: entry.id } : null);
  // Coming from a newer page there is always a newer row (the cursor's); from an older one, an older row.
  const hasOlder = newerFirst ? more : true;
  const hasNewer = newerFirst ? page.before !== undefined : more;
  return {
    entries,
    older: hasOlder ? cursorOf(entries.at(-1)) : null,
    newer: hasNewer ? cursorOf(entries[0]) : null,
  };
}

function toEntry(row: Row): LogEntry {
  return {
    id: BigInt(row.id),
    requestId: row.requestId,
    createdAt: row.createdAt,
    method: row.method,
    path: row.path,
    status: row.status,
    latencyMs: row.latencyMs,
    charge: BigInt(row.charged) - BigInt(row.refunded),
    errorCode: row.errorCode,
    api: row.apiId && row.apiName ? { id: row.apiId, name: row.apiName, slug: row.apiSlug! } : null,
    key: row.apiKeyId && row.keyName ? { id: row.apiKeyId, name: row.keyName, masked: maskApiKey(row.keyPrefix!, row.keyLastFour!) } : null,
    ai: row.model
      ? {
          model: row.model,
          inputTokens: row.inputTokens ?? 0,
          cachedInputTokens: row.cachedInputTokens ?? 0,
          outputTokens: row.outputTokens ?? 0,
          usageSource: row.usageSource,
        }
      : null,
    mcpTool: row.channel === "mcp" ? (row.tool ?? "") : null,
  };
}
