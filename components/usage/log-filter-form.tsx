// The request log's filters as a plain GET form (the state lives in the URL), with the CSV download
// of exactly what they select.
import Link from "next/link";
import type { FilterOption } from "@/lib/usage/log-filter-options";
import type { LogFilters } from "@/lib/usage/log-filters";
import { Field, SelectField } from "@/components/ui/form";
import { buttonClass } from "@/components/ui/button";
import { HiddenFields } from "@/components/usage/hidden-fields";
import { hrefWith } from "@/components/usage/usage-format";

type Props = {
  base: string;
  rangeParams: Record<string, string>;
  filters: LogFilters;
  errors: Record<string, string>;
  options: { apis: FilterOption[]; keys: FilterOption[] };
  exportHref: string;
};

const STATUS_OPTIONS: FilterOption[] = [
  { id: "2xx", label: "2xx success" },
  { id: "3xx", label: "3xx redirect" },
  { id: "4xx", label: "4xx client error" },
  { id: "5xx", label: "5xx server error" },
  { id: "errors", label: "Errors (400 and above)" },
];

function OptionSelect({
  label,
  name,
  value,
  error,
  all,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  error?: string;
  all: string;
  options: FilterOption[];
}) {
  return (
    <SelectField label={label} name={name} id={`log-${name}`} defaultValue={value ?? ""} error={error}>
      <option value="">{all}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

export function LogFilterForm({ base, rangeParams, filters, errors, options, exportHref }: Props) {
  return (
    <form method="get" action={base} aria-label="Filter the request log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <HiddenFields values={rangeParams} />
      <OptionSelect label="API" name="api" value={filters.api} error={errors.api} all="All APIs" options={options.apis} />
      <OptionSelect label="Key" name="key" value={filters.key} error={errors.key} all="All keys" options={options.keys} />
      <OptionSelect label="Status" name="status" value={filters.status} error={errors.status} all="Any status" options={STATUS_OPTIONS} />
      <Field label="Method" name="method" id="log-method" placeholder="GET" defaultValue={filters.method ?? ""} error={errors.method} />
      <Field
        label="Path starts with"
        name="path"
        id="log-path"
        placeholder="/v1/quotes"
        defaultValue={filters.path ?? ""}
        error={errors.path}
      />
      <Field
        label="Request id"
        name="requestId"
        id="log-request-id"
        placeholder="exact id"
        defaultValue={filters.requestId ?? ""}
        error={errors.requestId}
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className={buttonClass("primary")}>
          Apply filters
        </button>
        <Link href={hrefWith(base, rangeParams)} className={buttonClass("ghost")}>
          Clear filters
        </Link>
        <a href={exportHref} className={`${buttonClass("secondary")} ml-auto`} download data-testid="download-csv">
          Download CSV
        </a>
      </div>
    </form>
  );
}
