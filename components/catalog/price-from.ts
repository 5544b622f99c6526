// The "from" price on a catalog card: the cheapest plan open for subscription; for an AI API, the
// cheapest input price per 1M tokens of its models plus the cheapest plan's fee per request.
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { currency, formatMoney } from "@/lib/money";

export function priceFromLabel(priceFrom: bigint | null): string {
  if (priceFrom === null) return "No plans yet";
  if (priceFrom === 0n) return "Free";
  return `From ${formatMoney(priceFrom, currency(), 2)} / call`;
}

export function aiPriceFromLabel(models: ApiModelView[], feeFrom: bigint | null): string {
  if (feeFrom === null) return "No plans yet";
  if (models.length === 0) return "No models yet";
  const cheapest = models.reduce(
    (low, model) => (model.prices.inputPrice < low ? model.prices.inputPrice : low),
    models[0]!.prices.inputPrice,
  );
  const fee = feeFrom === 0n ? "" : ` + ${formatMoney(feeFrom, currency(), 2)} / request`;
  return `From ${formatMoney(cheapest, currency(), 2)} / 1M input tokens${fee}`;
}
