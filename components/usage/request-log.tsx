// The request log: its filter form, one row per call, and keyset pager links.
import Link from "next/link";
import { formatMoney } from "@/lib/money";
import type { FilterOption } from "@/lib/usage/log-filter-options";
import type { LogFilters } from "@/lib/usage/log-filters";
import { encodeCursor, type AiLogDetail, type LogPage } from "@/lib/usage/request-log";
import { Badge } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { LogFilterForm } from "@/components/usage/log-filter-form";
import { formatCount, hrefWith, logTime } from "@/components/usage/usage-format";
import { TableScroll } from "@/components/ui/table-scroll";

type Props = {
  base: string;
  /** the range's search params, carried by every link and the form */
  rangeParams: Record<string, string>;
  filters: LogFilters;
  filterParams: Record<string, string>;
  errors: Record<string, string>;
  options: { apis: FilterOption[]; keys: FilterOption[] };
  page: LogPage;
  currency: string;
  exportHref: string;
};

const cell = "whitespace-nowrap py-2 pr-4";

function statusTone(status: number) {
  return status >= 500 ? "red" : status >= 400 ? "amber" : status >= 300 ? "blue" : "green";
}

// Where an AI call's counts came from: the provider's usage, Tollgate's own count (the provider gave
// none), or a partial answer (broken off or abandoned: input plus the output delivered).
const PROVENANCE = {
  PROVIDER: { label: "provider", tone: "green", title: "Tokens as the provider reported them" },
  COUNTED: { label: "counted", tone: "slate", title: "Tokens counted by Tollgate: the provider reported none" },
  PARTIAL: { label: "partial", tone: "amber", title: "The answer broke off: input plus the output delivered" },
} as const;

function AiCallCell({ ai }: { ai: AiLogDetail }) {
  const provenance = ai.usageSource ? PROVENANCE[ai.usageSource] : null;
  return (
    <span className="block" data-testid="log-ai">
      <code className="text-xs text-slate-900">{ai.model}</code>
      {provenance ? (
        <span className="ml-1" title={provenance.title}>
          <Badge tone={provenance.tone}>{provenance.label}</Badge>
        </span>
      ) : null}
      <span className="block text-xs tabular-nums text-slate-600">
        {formatCount(ai.inputTokens)} in ({formatCount(ai.cachedInputTokens)} cached) · {formatCount(ai.outputTokens)} out
      </span>
    </span>
  );
}

export function RequestLog({ base, rangeParams, filters, filterParams, errors, options, page, currency, exportHref }: Props) {
  const pageHref = (cursor: Record<string, string>) => hrefWith(base, { ...rangeParams, ...filterParams, ...cursor });
  return (
    <div className="space-y-4">
      <LogFilterForm base={base} rangeParams={rangeParams} filters={filters} errors={errors} options={options} exportHref={exportHref} />

      {page.entries.length === 0 ? (
        <p
          className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600"
          data-testid="log-empty"
        >
          No calls match these filters in this range.
        </p>
      ) : (
        <TableScroll>
          <table className="w-full text-left text-sm" data-testid="request-log">
            <caption className="sr-only">Calls, newest first</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {["Time (UTC)", "API", "Key", "Method", "Path", "Status", "Model · tokens", "Latency", "Charge", "Request id"].map(
                  (label) => (
                    <th
                      key={label}
                      scope="col"
                      className={`${cell} font-medium ${["Latency", "Charge"].includes(label) ? "text-right" : ""}`}
                    >
                      {label}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.entries.map((entry) => (
                <tr key={entry.id.toString()} data-testid="log-row">
                  <td className={`${cell} tabular-nums`}>{logTime.format(entry.createdAt)}</td>
                  <td className={cell}>{entry.api?.name ?? <span className="text-slate-500">–</span>}</td>
                  <td className={cell}>
                    {entry.key ? <span title={entry.key.masked}>{entry.key.name}</span> : <span className="text-slate-500">–</span>}
                  </td>
                  <td className={`${cell} font-mono text-xs`}>{entry.method}</td>
                  <td className="max-w-xs truncate py-2 pr-4 font-mono text-xs" title={entry.path}>
                    {entry.path}
                    {entry.mcpTool !== null ? (
                      <span className="ml-1 font-sans text-slate-500" title="Called by an agent through the MCP server">
                        MCP · {entry.mcpTool}
                      </span>
                    ) : null}
                  </td>
                  <td className={cell}>
                    <Badge tone={statusTone(entry.status)}>{entry.status}</Badge>
                    {entry.errorCode ? <span className="ml-1 text-xs text-slate-500">{entry.errorCode}</span> : null}
                  </td>
                  <td className={cell}>{entry.ai ? <AiCallCell ai={entry.ai} /> : <span className="text-slate-500">–</span>}</td>
                  <td className={`${cell} text-right tabular-nums`}>{formatCount(entry.latencyMs)} ms</td>
                  <td className={`${cell} text-right tabular-nums`}>{formatMoney(entry.charge, currency)}</td>
                  <td className={`${cell} font-mono text-xs`}>{entry.requestId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {page.newer || page.older ? (
        <nav aria-label="Request log pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="flex gap-2">
            {page.newer ? (
              <>
                <Link href={pageHref({})} className={buttonClass("secondary", "sm")}>
                  Newest
                </Link>
                <Link href={pageHref({ after: encodeCursor(page.newer) })} className={buttonClass("secondary", "sm")} rel="prev">
                  ← Newer
                </Link>
              </>
            ) : null}
          </span>
          {page.older ? (
            <Link href={pageHref({ before: encodeCursor(page.older) })} className={buttonClass("secondary", "sm")} rel="next">
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
