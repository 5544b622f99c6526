// AI usage over the range per model, dearest first: calls, tokens (input with its cached part,
// output) and spend.
import { formatMoney } from "@/lib/money";
import type { ModelUsageRow } from "@/lib/usage/usage-by-model";
import { formatCount } from "@/components/usage/usage-format";
import { TableScroll } from "@/components/ui/table-scroll";

const cell = "py-2 pr-4";
const number = `${cell} text-right tabular-nums`;

export function ModelBreakdownTable({ rows, currency }: { rows: ModelUsageRow[]; currency: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No AI calls in this range.</p>;
  return (
    <TableScroll>
      <table className="w-full text-left text-sm" data-testid="usage-by-model">
        <caption className="sr-only">AI calls by model</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {["Model", "Calls", "Input tokens", "Cached input", "Output tokens", "Spend"].map((label, index) => (
              <th key={label} scope="col" className={`${cell} font-medium ${index > 0 ? "text-right" : ""}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.model} data-testid="usage-by-model-row">
              <th scope="row" className={`${cell} font-normal`}>
                <code className="font-medium text-slate-900">{row.model}</code>
                {row.errors ? <span className="block text-xs text-slate-500">{formatCount(row.errors)} with errors</span> : null}
              </th>
              <td className={number}>{formatCount(row.calls)}</td>
              <td className={number}>{formatCount(row.inputTokens)}</td>
              <td className={number}>{formatCount(row.cachedInputTokens)}</td>
              <td className={number}>{formatCount(row.outputTokens)}</td>
              <td className={number}>{formatMoney(row.spend, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
