// GET /api/v1/teams/{team}/usage?from&to&api - request counts, errors, charges and latency over a range.
import { currency } from "@/lib/billing/money";
import { resolveUsageRange } from "@/lib/usage/usage-range";
import { getUsageSummary } from "@/lib/usage/usage-summary";
import { getUsageOperation } from "@/lib/management/operations/usage";
import { toTotalsResponse } from "@/lib/management/schemas/usage";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

const toDate = (value?: string) => (value === undefined ? undefined : new Date(value));

export const GET = withManagementAuth(getUsageOperation, async ({ team, query, respond }) => {
  const range = resolveUsageRange({ from: toDate(query.from), to: toDate(query.to) });
  const usage = await getUsageSummary(team.id, range, query.api);
  return respond({
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    api: query.api ?? null,
    currency: currency(),
    totals: toTotalsResponse(usage.totals),
    byApi: usage.byApi.map(toTotalsResponse),
    byDay: usage.byDay.map(toTotalsResponse),
  });
});
