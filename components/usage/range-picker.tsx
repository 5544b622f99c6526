// The range of the whole page: three presets as links and a custom range as a plain GET form, so
// the state lives in the URL (shareable, back button works) and no client code is needed.
import Link from "next/link";
import type { AnalyticsRange } from "@/lib/usage/analytics-range";
import { Field } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/button";
import { HiddenFields } from "@/components/usage/hidden-fields";
import { hrefWith } from "@/components/usage/usage-format";

const PRESETS = [
  { key: "24h", label: "Last 24 hours" },
  { key: "7d", label: "Last 7 days" },
  { key: "30d", label: "Last 30 days" },
] as const;

type Props = {
  base: string;
  range: AnalyticsRange;
  /** log filters, kept when the range changes */
  keep: Record<string, string>;
  custom: { from?: string; to?: string; errors: Record<string, string> };
};

export function RangePicker({ base, range, keep, custom }: Props) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <nav aria-label="Range" className="flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-white p-1 text-sm">
        {PRESETS.map((preset) => {
          const active = range.key === preset.key;
          return (
            <Link
              key={preset.key}
              href={hrefWith(base, { ...keep, range: preset.key })}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 ${active ? "bg-brand-600 font-medium text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {preset.label}
            </Link>
          );
        })}
      </nav>
      <form method="get" action={base} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
        <input type="hidden" name="range" value="custom" />
        <HiddenFields values={keep} />
        <Field label="From (UTC)" name="from" id="range-from" type="date" defaultValue={custom.from ?? ""} error={custom.errors.from} />
        <Field label="To (UTC, included)" name="to" id="range-to" type="date" defaultValue={custom.to ?? ""} error={custom.errors.to} />
        <button type="submit" className={`${buttonClass(range.key === "custom" ? "primary" : "secondary")} mb-px`}>
          Show range
        </button>
      </form>
    </div>
  );
}
