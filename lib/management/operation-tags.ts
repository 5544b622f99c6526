// The groups of the management API, each with the description the OpenAPI document shows for it.
// An operation names one of these, so a new group cannot appear undocumented.
export const OPERATION_TAGS = {
  APIs: "The catalog: APIs with their plans and lifecycle (DRAFT, PUBLISHED, DEPRECATED, RETIRED). A team key reads what its team may see; changes take the admin token.",
  Teams: "Teams by slug or id. A team key reaches its own team only; any other team answers 404, as if it did not exist.",
  Billing:
    "Prepaid credit that gateway calls are charged from: the balance, and grants or adjustments by the platform admin. Amounts are decimal strings.",
  Subscriptions:
    "A team's subscriptions to API plans. Only ACTIVE subscriptions admit gateway calls; plans that require approval wait for the platform admin.",
  Approvals: "Subscription requests and plan changes waiting for the platform admin's decision (admin token only).",
  Keys: "A team's API keys: for the gateway and, with the `manage` scope, for this API. The secret is shown once, at creation.",
  Usage: "Gateway calls, errors, charges and latency of a team over a time range.",
  "AI providers":
    "Where AI models run: OpenAI-compatible servers and Anthropic, with a write-only API key, extra headers and timeouts, and a connection test (admin token only).",
  "AI models":
    "The models /api/ai/v1 serves under public ids, with prices per 1M tokens, limits, capabilities and deployments on providers. AI APIs publish them to teams (admin token only).",
  Meta: "This description of the management API.",
} as const;

export type OperationTag = keyof typeof OPERATION_TAGS;
