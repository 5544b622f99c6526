// The gateway's metrics, observed once per call from its usage event (lib/gateway/usage-recorder.ts
// recordUsage: REST, AI, Prompt API and MCP tool calls alike, with the final charge and refund), and
// the AI reservations open. Labels: the API's slug and the model's id at most, never a key, a team or
// a path. The cells of each API and model are made once, so a call only adds to numbers.
import { BoundedLabels } from "@/lib/metrics/bounded-labels";
import { fastCounter, type CounterCell } from "@/lib/metrics/fast-counter";
import { fastHistogram, type HistogramCell } from "@/lib/metrics/fast-histogram";
import { counter, gauge, shared } from "@/lib/metrics/registry";

/** What the metrics read of a usage event (lib/gateway's UsageEvent has these fields). */
export type ObservedCall = {
  /** the API's slug once the gateway found the API; never the slug the caller asked for */
  apiSlug?: string;
  status: number;
  errorCode: string | null;
  charged: bigint;
  refunded: bigint;
  /** from the call's arrival to its request going upstream: admission, rate limit, debit */
  overheadMs?: number;
  /** from the request going upstream to the upstream's answer head */
  upstreamMs?: number;
  ai?: { model: string; inputTokens: number; cachedInputTokens: number; outputTokens: number };
};

/** The label of a call refused before its API was known (a bad key, an unknown API). */
export const NO_API = "none";
const NO_CODE = "none";
const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"];
const MAX_APIS = 1000;
const MAX_CODES_PER_API = 64;
const MAX_MODELS = 500;

const requests = fastCounter(
  "tollgate_gateway_requests_total",
  "Gateway calls (REST, AI, Prompt API, MCP tool calls) by API slug, status class and problem code (none: no problem)",
  ["api", "status_class", "code"],
);
const charged = fastCounter("tollgate_credit_charged_micros_total", "Credit charged by the gateway, in micro-units, by API", ["api"]);
const refunded = fastCounter(
  "tollgate_credit_refunded_micros_total",
  "Credit given back by the gateway (refunds, and the unused part of AI reservations), in micro-units, by API",
  ["api"],
);
const paymentRequired = fastCounter("tollgate_gateway_payment_required_total", "Calls refused with 402 (credit or key spend cap), by API", [
  "api",
]);
const rateLimited = fastCounter("tollgate_gateway_rate_limited_total", "Calls refused with 429 (rate or token limit), by API", ["api"]);
const aiTokens = fastCounter("tollgate_ai_tokens_total", "AI tokens by model and kind: input (not cached), cached (cached input), output", [
  "model",
  "kind",
]);
const overhead = fastHistogram(
  "tollgate_gateway_overhead_seconds",
  "Time from a forwarded call's arrival to its request going upstream (key, route, checks, rate limit, debit)",
  [],
  [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
);
const upstream = fastHistogram(
  "tollgate_gateway_upstream_seconds",
  "Time from a call's request going upstream to the upstream's answer head, by API",
  ["api"],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
);
const toolCalls = counter({
  name: "tollgate_mcp_tool_calls_total",
  help: "MCP tools/call requests by outcome: ok, tool_error (an isError result: refusals and API errors), invalid (bad tool or arguments), failed",
  labelNames: ["outcome"],
});

type ApiCells = {
  /** per problem code (its label value: "other" past the bound), one cell per status class, made when first counted */
  requests: BoundedLabels<{ code: string; byClass: (CounterCell | undefined)[] }>;
  slug: string;
  charged: CounterCell;
  refunded: CounterCell;
  paymentRequired: CounterCell;
  rateLimited: CounterCell;
  upstream: HistogramCell;
};

type ModelCells = { input: CounterCell; cached: CounterCell; output: CounterCell };

type GatewayMetrics = {
  apis: BoundedLabels<ApiCells>;
  models: BoundedLabels<ModelCells>;
  overhead: HistogramCell;
  reservationsOpen: number;
};

const state = shared<GatewayMetrics>("gateway-metrics", () => ({
  apis: new BoundedLabels(MAX_APIS, (slug) => ({
    slug,
    requests: new BoundedLabels(MAX_CODES_PER_API, (code) => ({
      code,
      byClass: new Array<CounterCell | undefined>(STATUS_CLASSES.length),
    })),
    charged: charged.cell(slug),
    refunded: refunded.cell(slug),
    paymentRequired: paymentRequired.cell(slug),
    rateLimited: rateLimited.cell(slug),
    upstream: upstream.cell(slug),
  })),
  models: new BoundedLabels(MAX_MODELS, (model) => ({
    input: aiTokens.cell(model, "input"),
    cached: aiTokens.cell(model, "cached"),
    output: aiTokens.cell(model, "output"),
  })),
  overhead: overhead.cell(),
  reservationsOpen: 0,
}));

gauge({
  name: "tollgate_ai_reservations_open",
  help: "AI and Prompt API calls of this process whose reservation is charged and not settled yet",
  collect() {
    this.set(state.reservationsOpen);
  },
});

function statusClass(status: number): number {
  return Math.min(Math.max(Math.floor(status / 100) - 1, 0), STATUS_CLASSES.length - 1);
}

/** One finished call: counted once, when its usage event is recorded with its final amounts. */
export function observeGatewayCall(call: ObservedCall): void {
  const api = state.apis.get(call.apiSlug ?? NO_API);
  const { code, byClass } = api.requests.get(call.errorCode ?? NO_CODE);
  const index = statusClass(call.status);
  (byClass[index] ??= requests.cell(api.slug, STATUS_CLASSES[index]!, code)).value++;
  if (call.charged !== 0n) api.charged.value += Number(call.charged);
  if (call.refunded !== 0n) api.refunded.value += Number(call.refunded);
  // Tollgate's own refusals carry a code; an upstream's 402 or 429 relayed as its answer does not.
  if (call.errorCode !== null) {
    if (call.status === 402) api.paymentRequired.value++;
    else if (call.status === 429) api.rateLimited.value++;
  }
  if (call.overheadMs !== undefined) overhead.observe(state.overhead, call.overheadMs / 1000);
  if (call.upstreamMs !== undefined) upstream.observe(api.upstream, call.upstreamMs / 1000);
  if (call.ai) {
    const model = state.models.get(call.ai.model);
    model.input.value += call.ai.inputTokens - call.ai.cachedInputTokens;
    model.cached.value += call.ai.cachedInputTokens;
    model.output.value += call.ai.outputTokens;
  }
}

/** An AI or Prompt API call's reservation was charged (lib/ai admission, lib/prompt-apis). */
export function reservationOpened(): void {
  state.reservationsOpen++;
}

/** ...and settled (lib/ai finishAiCall). */
export function reservationSettled(): void {
  state.reservationsOpen--;
}

export type ToolCallOutcome = "ok" | "tool_error" | "invalid" | "failed";

export function countToolCall(outcome: ToolCallOutcome): void {
  toolCalls.inc({ outcome });
}
