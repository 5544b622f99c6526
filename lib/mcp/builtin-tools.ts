// The two tools every caller gets, free of charge: the team's balance (with where to top up) and
// its calls and spend of the last 24 hours by API. An agent that was told its credit ran out can
// check, and say what it spent.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { currency, formatMoney, gatewayAmount } from "@/lib/money";
import type { McpCaller } from "@/lib/mcp/resolve-mcp-caller";
import type { Tool } from "@/lib/mcp/tool-model";

const readOnly = (title: string) => ({ title, readOnlyHint: true, openWorldHint: false });

export const BUILTIN_TOOLS: Tool[] = [
  {
    definition: {
      name: "tollgate_balance",
      title: "Team credit balance",
      description:
        "Your team's prepaid credit on Tollgate: the balance, its currency and the page where a team owner tops it up. Every other tool's call is paid from this balance. Free.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      outputSchema: {
        type: "object",
        properties: {
          team: { type: "string" },
          balance: { type: "string", description: "decimal amount, six decimals" },
          currency: { type: "string" },
          formatted: { type: "string" },
          topUpUrl: { type: "string" },
        },
        required: ["team", "balance", "currency", "formatted", "topUpUrl"],
      },
      annotations: readOnly("Team credit balance"),
    },
    binding: { kind: "builtin", builtin: "balance" },
  },
  {
    definition: {
      name: "tollgate_usage",
      title: "Usage of the last 24 hours",
      description: "Calls and spend of your team in the last 24 hours, by API (every channel: gateway, MCP, AI). Free.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      outputSchema: {
        type: "object",
        properties: {
          since: { type: "string", description: "ISO 8601 start of the window" },
          currency: { type: "string" },
          calls: { type: "integer" },
          spend: { type: "string" },
          apis: {
            type: "array",
            items: {
              type: "object",
              properties: {
                api: { type: "string", description: "the API's slug" },
                name: { type: "string" },
                calls: { type: "integer" },
                errors: { type: "integer" },
                spend: { type: "string" },
              },
              required: ["api", "name", "calls", "errors", "spend"],
            },
          },
        },
        required: ["since", "currency", "calls", "spend", "apis"],
      },
      annotations: readOnly("Usage of the last 24 hours"),
    },
    binding: { kind: "builtin", builtin: "usage" },
  },
];

export async function teamBalance(caller: McpCaller) {
  const team = await db.team.findUniqueOrThrow({ where: { id: caller.teamId }, select: { slug: true, balance: true } });
  return {
    team: team.slug,
    balance: gatewayAmount(team.balance),
    currency: currency(),
    formatted: formatMoney(team.balance, currency()),
    topUpUrl: `${appUrl()}/${team.slug}/billing`,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function teamUsage(caller: McpCaller, now = new Date()) {
  const since = new Date(now.getTime() - DAY_MS);
  const groups = await db.usageEvent.groupBy({
    by: ["apiId"],
    where: { teamId: caller.teamId, createdAt: { gte: since } },
    _count: { _all: true },
    _sum: { charged: true, refunded: true },
  });
  const errorGroups = await db.usageEvent.groupBy({
    by: ["apiId"],
    where: { teamId: caller.teamId, createdAt: { gte: since }, status: { gte: 400 } },
    _count: { _all: true },
  });
  const errors = new Map(errorGroups.map((group) => [group.apiId, group._count._all]));
  const ids = groups.map((group) => group.apiId).filter((id): id is string => id !== null);
  const apis = new Map(
    (await db.api.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } })).map((api) => [api.id, api]),
  );
  const rows = groups
    .map((group) => {
      const api = group.apiId ? apis.get(group.apiId) : undefined;
      const spend = (group._sum.charged ?? 0n) - (group._sum.refunded ?? 0n);
      return {
        api: api?.slug ?? "(none)",
        name: api?.name ?? "Refused before an API was found",
        calls: group._count._all,
        errors: errors.get(group.apiId) ?? 0,
        spend,
      };
    })
    .sort((a, b) => b.calls - a.calls || a.api.localeCompare(b.api));
  const total = rows.reduce((sum, row) => sum + row.spend, 0n);
  return {
    since: since.toISOString(),
    currency: currency(),
    calls: rows.reduce((sum, row) => sum + row.calls, 0),
    spend: gatewayAmount(total),
    apis: rows.map((row) => ({ ...row, spend: gatewayAmount(row.spend) })),
  };
}
