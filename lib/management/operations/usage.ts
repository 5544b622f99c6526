// Usage operations of the management API.
import { currency } from "@/lib/money";
import { resolveUsageRange } from "@/lib/usage/usage-range";
import { getUsageSummary } from "@/lib/usage/usage-summary";
import { defineOperation } from "@/lib/management/define-operation";
import { toTotalsResponse, usageQuerySchema, usageSchema } from "@/lib/management/schemas/usage";

const toDate = (value?: string) => (value === undefined ? undefined : new Date(value));

export const getUsageOperation = defineOperation({
  operationId: "getUsage",
  method: "GET",
  path: "/api/v1/teams/{team}/usage",
  tag: "Usage",
  summary: "A team's gateway usage over a time range",
  description: "Totals, per API and per UTC day, over [from, to). Default: the last 24 hours; at most 366 days.",
  access: "any",
  query: usageQuerySchema,
  response: { status: 200, description: "The usage report", schema: usageSchema },
  errors: ["bad_request", "not_found"],
  run: async ({ team, query }) => {
    const range = resolveUsageRange({ from: toDate(query.from), to: toDate(query.to) });
    const usage = await getUsageSummary(team.id, range, query.api);
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      api: query.api ?? null,
      currency: currency(),
      totals: toTotalsResponse(usage.totals),
      byApi: usage.byApi.map(toTotalsResponse),
      byDay: usage.byDay.map(toTotalsResponse),
    };
  },
});
