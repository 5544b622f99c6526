// A saved API -> the flat string values the API form starts from (the same shape the form posts,
// so values echoed back after an error and values from the database fill it the same way). The
// upstream credential is not among them: the form only learns whether one is set.
import { microsToDecimal } from "@/lib/money";
import type { AdminApi } from "@/lib/catalog/get-api";

export type ApiFormValues = Record<string, string>;

export const NEW_API_VALUES: ApiFormValues = {
  version: "1.0.0",
  visibility: "PUBLIC",
  upstreamConnectTimeoutMs: "5000",
  upstreamTimeoutMs: "30000",
};

export function apiFormValues(api: AdminApi): ApiFormValues {
  const values: ApiFormValues = {
    name: api.name,
    summary: api.summary,
    description: api.description,
    version: api.version,
    tags: api.tags.join(", "),
    visibility: api.visibility,
    upstreamBaseUrl: api.upstreamBaseUrl,
    upstreamAuthHeader: api.upstreamAuthHeader ?? "",
    upstreamConnectTimeoutMs: String(api.upstreamConnectTimeoutMs),
    upstreamTimeoutMs: String(api.upstreamTimeoutMs),
  };
  if (api.relayCookies) values.relayCookies = "on";
  // An AI API: its models and each plan's allowed models as comma-joined public ids.
  const publicIds = new Map(api.models.map(({ model }) => [model.id, model.publicId]));
  if (api.kind === "AI") values.models = [...publicIds.values()].join(",");
  api.plans.forEach((plan, index) => {
    const row = (field: string, value: string) => {
      values[`plans.${index}.${field}`] = value;
    };
    if (api.kind === "AI") {
      row("allowedModels", plan.allowedModelIds.flatMap((id) => publicIds.get(id) ?? []).join(","));
      row("tokensPerMinute", plan.tokensPerMinute === null ? "" : String(plan.tokensPerMinute));
      row("maxOutputTokens", plan.maxOutputTokens === null ? "" : String(plan.maxOutputTokens));
    }
    row("existing", "1");
    row("slug", plan.slug);
    row("name", plan.name);
    row("description", plan.description);
    row("price", microsToDecimal(plan.pricePerCall, 0));
    row("rateLimit", String(plan.rateLimit));
    row("rateLimitWindowSec", String(plan.rateLimitWindowSec));
    row("maxRequestBytes", String(plan.maxRequestBytes));
    row("chargePolicy", plan.chargePolicy);
    if (plan.requiresApproval) row("requiresApproval", "on");
    if (plan.archivedAt) row("archived", "on");
    row("subscribers", String(plan._count.subscriptions));
  });
  return values;
}
