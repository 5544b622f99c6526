// The "from" price on a catalog card: the cheapest plan open for subscription.
import { currency, formatMoney } from "@/lib/money";

export function priceFromLabel(priceFrom: bigint | null): string {
  if (priceFrom === null) return "No plans yet";
  if (priceFrom === 0n) return "Free";
  return `From ${formatMoney(priceFrom, currency(), 2)} / call`;
}
