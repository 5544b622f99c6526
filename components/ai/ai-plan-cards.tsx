// The plans of an AI API as cards: what a call costs on each (tokens at the model prices plus the
// plan's fee per request), which models it allows, and its limits per key.
import type { PublishedApi } from "@/lib/catalog/get-published-api";
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { formatMoney } from "@/lib/money";
import { formatBytes, formatWindow } from "@/components/catalog/plans-table";
import { EmptyState } from "@/components/ui/card";

type Plan = PublishedApi["plans"][number];

const count = new Intl.NumberFormat("en");

export function aiPriceLine(pricePerCall: bigint, currency: string): string {
  return pricePerCall === 0n
    ? "Tokens at the model prices, no fee per request"
    : `Tokens at the model prices + ${formatMoney(pricePerCall, currency, 2)} per request`;
}

function allowedModels(plan: Plan, models: ApiModelView[]): string {
  if (plan.allowedModelIds.length === 0) return "Every model of this API";
  const allowed = models.filter((model) => plan.allowedModelIds.includes(model.id)).map((model) => model.publicId);
  return allowed.length ? allowed.join(", ") : "None of this API's models";
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-3 py-1.5">
      <dt className="text-slate-500">{term}</dt>
      <dd className="text-right text-slate-800">{children}</dd>
    </div>
  );
}

export function AiPlanCards({ plans, models, currency }: { plans: Plan[]; models: ApiModelView[]; currency: string }) {
  if (plans.length === 0) return <EmptyState title="No plans are open for subscription yet" />;
  return (
    <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
      {plans.map((plan) => (
        <li key={plan.id} className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="plan-card">
          <h3 className="font-semibold text-slate-900">{plan.name}</h3>
          {plan.description ? <p className="mt-1 text-sm text-slate-600">{plan.description}</p> : null}
          <p className="mt-3 text-sm font-medium text-slate-900" data-testid="plan-price">
            {aiPriceLine(plan.pricePerCall, currency)}
          </p>
          <dl className="mt-3 divide-y divide-slate-100 border-t border-slate-100 text-sm">
            <Fact term="Models">{allowedModels(plan, models)}</Fact>
            <Fact term="Requests per key">
              {count.format(plan.rateLimit)} per {formatWindow(plan.rateLimitWindowSec)}
            </Fact>
            <Fact term="Tokens per minute per key">
              {plan.tokensPerMinute === null ? "No token limit" : count.format(plan.tokensPerMinute)}
            </Fact>
            <Fact term="Output per answer">
              {plan.maxOutputTokens === null ? "Up to the model's maximum" : `Up to ${count.format(plan.maxOutputTokens)} tokens`}
            </Fact>
            <Fact term="Max request body">{formatBytes(plan.maxRequestBytes)}</Fact>
            <Fact term="Approval">{plan.requiresApproval ? "Required" : "Not required"}</Fact>
          </dl>
        </li>
      ))}
    </ul>
  );
}
