// An AI API's models on a catalog card: each with its context window, capabilities and prices per 1M
// tokens (input · cached input · output), so APIs can be compared without opening them. Long lists
// show their first models and how many more the API page has.
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { capabilityList, formatPerMillion, formatTokens } from "@/components/ai/model-labels";

const SHOWN = 4;

function prices(model: ApiModelView, currency: string): string {
  const price = (micros: bigint) => formatPerMillion(micros, currency);
  if (model.kind === "EMBEDDINGS") return `${price(model.prices.inputPrice)} input / 1M`;
  return `${price(model.prices.inputPrice)} in · ${price(model.prices.cachedInputPrice)} cached · ${price(model.prices.outputPrice)} out / 1M`;
}

export function ModelSummaryList({ models, currency }: { models: ApiModelView[]; currency: string }) {
  if (models.length === 0) return <p className="text-xs text-slate-600">No models yet</p>;
  const hidden = models.length - SHOWN;
  return (
    <ul className="space-y-1.5 text-xs text-slate-600" aria-label="Models">
      {models.slice(0, SHOWN).map((model) => {
        const capabilities = capabilityList(model);
        return (
          <li key={model.id} data-testid="api-card-model">
            <code className="font-medium text-slate-800">{model.publicId}</code>
            <span className="block">
              {formatTokens(model.contextWindow)} context{capabilities ? ` · ${capabilities}` : ""}
            </span>
            <span className="block tabular-nums">{prices(model, currency)}</span>
          </li>
        );
      })}
      {hidden > 0 ? <li>and {hidden} more on the API page</li> : null}
    </ul>
  );
}
