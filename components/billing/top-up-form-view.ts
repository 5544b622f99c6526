// What the top-up form shows, derived from the server-side presets and bounds.
import { currency as installationCurrency, formatMoney, microsToDecimal } from "@/lib/money";
import { topUpBounds, topUpPresets } from "@/lib/billing/stripe/top-up-amounts";

export function topUpFormView() {
  const currency = installationCurrency();
  const { min, max } = topUpBounds();
  return {
    currency,
    presets: topUpPresets().map((micros) => ({ value: microsToDecimal(micros, 0), label: formatMoney(micros, currency, 0) })),
    bounds: { min: formatMoney(min, currency), max: formatMoney(max, currency) },
  };
}
