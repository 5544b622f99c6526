// Usage operations of the management API.
import { defineOperation } from "@/lib/management/define-operation";
import { usageQuerySchema, usageSchema } from "@/lib/management/schemas/usage";

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
});
