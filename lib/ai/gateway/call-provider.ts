// Sending a call to a model's deployments: by priority (lower first), by weight among equals. A
// connect error, a timeout, a 429 or a 5xx before anything reached the caller moves on to the next
// deployment; a deployment failing FAILURES_TO_COOL times in a row rests for COOL_DOWN_MS (tried
// last meanwhile). Any other 4xx is the request's fault: it goes back to the caller, no fallback.
// Outbound connections follow the address policy of every upstream (lib/net), through the gateway's
// pooled, guarded undici agents.
import { request, type Dispatcher } from "undici";
import { agentFor } from "@/lib/gateway/forward";
import { connectPolicy } from "@/lib/net/guarded-lookup";
import type { RoutedDeployment, RoutedModel, RoutedProvider } from "@/lib/ai/registry/find-model";
import { SpanKind, TRACE_ATTRIBUTES, endUpstreamSpan, startActiveChildSpan } from "@/lib/tracing/spans";

const FAILURES_TO_COOL = 3;
const COOL_DOWN_MS = 30_000;

type Health = { failures: number; coolUntil: number };
const holder = globalThis as typeof globalThis & { __tollgateDeploymentHealth?: Map<string, Health> };
const health = (holder.__tollgateDeploymentHealth ??= new Map());

export type ProviderAnswer = {
  ok: true;
  deployment: RoutedDeployment;
  status: number;
  headers: Dispatcher.ResponseData["headers"];
  body: Dispatcher.ResponseData["body"];
};

export type ProviderFailure = {
  ok: false;
  /** rejected: the provider refused the request itself (4xx other than 429); its body is in `detail` */
  failure: "unavailable" | "timeout" | "rate_limited" | "rejected";
  status: number | null;
  detail: string;
  retryAfter: string | null;
};

/** The request for one deployment: path under the provider's base URL and the JSON body. */
export type BuildRequest = (deployment: RoutedDeployment) => { path: string; body: unknown };

// Per provider object of the registry's cache (a changed provider is a new object): made once, not per call.
const headersOf = new WeakMap<RoutedProvider, Record<string, string>>();

function providerHeaders(provider: RoutedProvider): Record<string, string> {
  let headers = headersOf.get(provider);
  if (!headers) headersOf.set(provider, (headers = buildProviderHeaders(provider)));
  return headers;
}

function buildProviderHeaders(provider: RoutedProvider): Record<string, string> {
  const auth: Record<string, string> =
    provider.kind === "ANTHROPIC"
      ? { "x-api-key": provider.apiKey ?? "", "anthropic-version": "2023-06-01" }
      : provider.apiKey
        ? { authorization: `Bearer ${provider.apiKey}` }
        : {};
  return { ...provider.extraHeaders, ...auth, "content-type": "application/json", accept: "application/json, text/event-stream" };
}

/** Priority groups in order; inside a group a weighted shuffle; resting deployments last. */
export function orderDeployments(deployments: RoutedDeployment[], now = Date.now(), random = Math.random): RoutedDeployment[] {
  if (deployments.length < 2) return deployments; // most models: nothing to order, nothing to copy
  const groups = new Map<number, RoutedDeployment[]>();
  for (const deployment of deployments) groups.set(deployment.priority, [...(groups.get(deployment.priority) ?? []), deployment]);
  const ordered: RoutedDeployment[] = [];
  for (const priority of [...groups.keys()].sort((a, b) => a - b)) {
    const pool = [...groups.get(priority)!];
    while (pool.length) {
      const total = pool.reduce((sum, deployment) => sum + Math.max(deployment.weight, 0), 0);
      let pick = random() * total;
      const index = total > 0 ? pool.findIndex((deployment) => (pick -= Math.max(deployment.weight, 0)) < 0) : 0;
      ordered.push(...pool.splice(index < 0 ? 0 : index, 1));
    }
  }
  const resting = (deployment: RoutedDeployment) => (health.get(deployment.id)?.coolUntil ?? 0) > now;
  return [...ordered.filter((deployment) => !resting(deployment)), ...ordered.filter(resting)];
}

function recordOutcome(deployment: RoutedDeployment, ok: boolean): void {
  if (ok) return void health.delete(deployment.id);
  const state = health.get(deployment.id) ?? { failures: 0, coolUntil: 0 };
  state.failures += 1;
  if (state.failures >= FAILURES_TO_COOL) state.coolUntil = Date.now() + COOL_DOWN_MS;
  health.set(deployment.id, state);
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "ETIMEDOUT"]);

async function attempt(deployment: RoutedDeployment, build: BuildRequest, signal: AbortSignal): Promise<ProviderAnswer | ProviderFailure> {
  const { provider } = deployment;
  const { path, body } = build(deployment);
  const url = `${provider.baseUrl}${path}`;
  try {
    const policy = connectPolicy(url);
    if (typeof policy !== "string") throw policy;
    const response = await request(url, {
      method: "POST",
      headers: providerHeaders(provider),
      body: JSON.stringify(body),
      dispatcher: agentFor(provider.connectTimeoutMs, policy === "guarded"),
      signal,
      headersTimeout: provider.timeoutMs,
      bodyTimeout: provider.timeoutMs,
    });
    if (response.statusCode < 400)
      return { ok: true, deployment, status: response.statusCode, headers: response.headers, body: response.body };
    const detail = (await response.body.text().catch(() => "")).slice(0, 2_000);
    const retryAfter = response.headers["retry-after"];
    const failure = response.statusCode === 429 ? "rate_limited" : response.statusCode >= 500 ? "unavailable" : "rejected";
    return { ok: false, failure, status: response.statusCode, detail, retryAfter: typeof retryAfter === "string" ? retryAfter : null };
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    const failure = code && TIMEOUT_CODES.has(code) ? "timeout" : "unavailable";
    return { ok: false, failure, status: null, detail: `${provider.slug}: ${(error as Error).message}`, retryAfter: null };
  }
}

/** The first deployment that answers; the last failure when none does. Throws only when `signal` aborts. */
export async function callProvider(
  model: RoutedModel,
  build: BuildRequest,
  signal: AbortSignal,
): Promise<ProviderAnswer | ProviderFailure> {
  let last: ProviderFailure = {
    ok: false,
    failure: "unavailable",
    status: null,
    detail: `"${model.publicId}" has no deployment.`,
    retryAfter: null,
  };
  for (const deployment of orderDeployments(model.deployments)) {
    const traced = startActiveChildSpan("ai.provider", SpanKind.CLIENT);
    traced?.setAttributes({ [TRACE_ATTRIBUTES.model]: model.publicId, [TRACE_ATTRIBUTES.provider]: deployment.provider.slug });
    const outcome = await attempt(deployment, build, signal);
    endUpstreamSpan(traced, outcome.ok ? outcome.status : (outcome.status ?? outcome.failure));
    if (outcome.ok || outcome.failure === "rejected") {
      recordOutcome(deployment, true);
      return outcome;
    }
    recordOutcome(deployment, false);
    last = outcome;
  }
  return last;
}
