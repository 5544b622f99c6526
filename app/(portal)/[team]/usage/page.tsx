// /{team}/usage - analytics of the team's gateway calls over a range (24h, 7d, 30d or custom):
// totals, charts, breakdowns by API and key (from the hourly rollups), AI calls by model (from the
// raw events), and the filterable request log with its CSV export (from the raw events). Every query takes the team id that loadTeamPage
// checked the membership for.
import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { currency as configuredCurrency } from "@/lib/money";
import { parseAnalyticsRange } from "@/lib/usage/analytics-range";
import { listLogFilterOptions, teamHasUsage } from "@/lib/usage/log-filter-options";
import { filterParams, parseLogFilters } from "@/lib/usage/log-filters";
import { decodeCursor, listRequestLog } from "@/lib/usage/request-log";
import { getUsageByApi, getUsageByKey } from "@/lib/usage/usage-breakdown";
import { getUsageByModel } from "@/lib/usage/usage-by-model";
import { getUsageSeries } from "@/lib/usage/usage-series";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { BreakdownTable } from "@/components/usage/breakdown-table";
import { ModelBreakdownTable } from "@/components/usage/model-breakdown-table";
import { RangePicker } from "@/components/usage/range-picker";
import { RequestLog } from "@/components/usage/request-log";
import { SummaryTiles } from "@/components/usage/summary-tiles";
import { UsageCharts } from "@/components/usage/usage-charts";
import { hrefWith } from "@/components/usage/usage-format";
import { firstParam } from "@/lib/http/search-params";

export const metadata: Metadata = { title: "Usage" };

const LOG_PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ team: string }>; searchParams: Promise<SearchParams> };

export default async function UsagePage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const teamId = ctx.team.id;
  const query = await searchParams;
  const base = `/${ctx.team.slug}/usage`;
  const description =
    "Every call made with this team's keys, refused ones included. Errors are calls answered with status 400 or above; latency percentiles are estimated from latency buckets. Times are UTC.";

  if (!(await teamHasUsage(teamId))) {
    return (
      <>
        <PageHeader title="Usage" description={description} />
        <EmptyState title="No calls yet">
          Calls made through the gateway with this team's keys appear here: charts, breakdowns and a request log.
        </EmptyState>
      </>
    );
  }

  const parsedRange = parseAnalyticsRange(query);
  const range = parsedRange.ok ? parsedRange.range : parsedRange.fallback;
  const { filters, fieldErrors } = parseLogFilters(query);
  const before = decodeCursor(firstParam(query.before)) ?? undefined;
  const after = before ? undefined : (decodeCursor(firstParam(query.after)) ?? undefined);
  const currency = configuredCurrency();

  const [series, byApi, byKey, byModel, page, options] = await Promise.all([
    getUsageSeries(teamId, range),
    getUsageByApi(teamId, range),
    getUsageByKey(teamId, range),
    getUsageByModel(teamId, range),
    listRequestLog(teamId, range, filters, { before, after, limit: LOG_PAGE_SIZE }),
    listLogFilterOptions(teamId),
  ]);
  const kept = filterParams(filters);
  const customDays =
    range.key === "custom"
      ? range.params
      : {
          from: firstParam(query.from) ?? range.from.toISOString().slice(0, 10),
          to: firstParam(query.to) ?? range.to.toISOString().slice(0, 10),
        };

  return (
    <>
      <PageHeader title="Usage" description={description} />
      <div className="space-y-6">
        <RangePicker
          base={base}
          range={range}
          keep={kept}
          custom={{ ...customDays, errors: parsedRange.ok ? {} : parsedRange.fieldErrors }}
        />
        {parsedRange.ok ? null : (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            {parsedRange.message} Showing the last 24 hours instead.
          </p>
        )}
        <section aria-labelledby="totals-heading">
          <h2 id="totals-heading" className="mb-2 text-sm font-medium text-slate-700" data-testid="range-label">
            Totals, {range.label}
          </h2>
          <SummaryTiles totals={series.totals} currency={currency} />
          <p className="mt-2 text-xs text-slate-500">
            Totals, charts and breakdowns count calls that reached an API with one of the team's keys; the request log below lists every
            call.
          </p>
        </section>
        <UsageCharts series={series} currency={currency} />
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="By API">
            <BreakdownTable rows={byApi} currency={currency} label="API" testId="usage-by-api" />
          </Card>
          <Card title="By key">
            <BreakdownTable rows={byKey} currency={currency} label="Key" testId="usage-by-key" />
          </Card>
        </div>
        {byModel.length ? (
          <Card
            title="AI calls by model"
            description="Tokens and spend of the calls to AI APIs in this range; cached input is part of input."
          >
            <ModelBreakdownTable rows={byModel} currency={currency} />
          </Card>
        ) : null}
        <Card
          title="Request log"
          description="Newest first, 50 a page. Filters apply to the log and its CSV download (up to 1,000,000 rows)."
        >
          <RequestLog
            base={base}
            rangeParams={range.params}
            filters={filters}
            filterParams={kept}
            errors={fieldErrors}
            options={options}
            page={page}
            currency={currency}
            exportHref={hrefWith(`${base}/export`, { ...range.params, ...kept })}
          />
        </Card>
      </div>
    </>
  );
}
