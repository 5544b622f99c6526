// The request log as CSV (RFC 4180), streamed: rows are read in keyset batches as the client
// pulls, so exporting a million rows never holds more than one batch in memory.
import { microsToDecimal } from "@/lib/money";
import type { LogFilters } from "@/lib/usage/log-filters";
import { listRequestLog, type Cursor, type LogEntry } from "@/lib/usage/request-log";
import type { TimeRange } from "@/lib/usage/usage-source";

// The AI columns come after the REST ones, so a reader of the REST columns finds them where they always
// were; they are empty for REST calls. mcp_tool, last, names the tool of a call an agent made over MCP. Cached input tokens are part of input tokens; usage_source says where the
// counts came from (provider, counted, partial).
export const CSV_COLUMNS = [
  "time",
  "api",
  "key",
  "method",
  "path",
  "status",
  "latency_ms",
  "charge",
  "request_id",
  "error_code",
  "model",
  "input_tokens",
  "cached_input_tokens",
  "output_tokens",
  "usage_source",
  "mcp_tool",
] as const;
/** An export stops after this many rows; the last line says so. Narrow the range or filters for more. */
const CSV_MAX_ROWS = 1_000_000;
const BATCH = 5_000;

/**
 * One CSV cell. Quotes when needed (comma, quote, CR, LF), doubling inner quotes. A cell that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a CR) gets a leading
 * apostrophe, so a path like `/=HYPERLINK(...)` that a caller sent cannot execute on a reader's machine.
 */
export function csvCell(value: string | number | bigint | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (string | number | bigint | null)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

function csvRow(entry: LogEntry): string {
  return csvLine([
    entry.createdAt.toISOString(),
    entry.api?.slug ?? null,
    entry.key ? `${entry.key.name} (${entry.key.masked})` : null,
    entry.method,
    entry.path,
    entry.status,
    entry.latencyMs,
    microsToDecimal(entry.charge, 6),
    entry.requestId,
    entry.errorCode,
    entry.ai?.model ?? null,
    entry.ai?.inputTokens ?? null,
    entry.ai?.cachedInputTokens ?? null,
    entry.ai?.outputTokens ?? null,
    entry.ai?.usageSource?.toLowerCase() ?? null,
    entry.mcpTool,
  ]);
}

/** The CSV text of the team's log for a range and filters, produced batch by batch as it is read. */
export function streamUsageCsv(teamId: string, range: TimeRange, filters: LogFilters, maxRows = CSV_MAX_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | undefined;
  let written = 0;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine([...CSV_COLUMNS])));
          return;
        }
        const limit = Math.min(BATCH, maxRows - written);
        const page = await listRequestLog(teamId, range, filters, { before: cursor, limit });
        if (page.entries.length > 0) controller.enqueue(encoder.encode(page.entries.map(csvRow).join("")));
        written += page.entries.length;
        if (!page.older) return controller.close();
        if (written >= maxRows) {
          controller.enqueue(
            encoder.encode(csvLine([`# truncated: the export stops at ${maxRows} rows; narrow the range or the filters for the rest`])),
          );
          return controller.close();
        }
        cursor = page.older;
      },
    },
    { highWaterMark: 0 },
  );
}
