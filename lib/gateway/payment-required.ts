// The 402 every metered endpoint answers (REST gateway, AI gateway, MCP tool calls): what happened,
// the balance and the price as decimal strings, and where to top up, also as a `Link: rel=payment`.
import { appUrl } from "@/lib/env";
import { currency, gatewayAmount } from "@/lib/money";

export type PaymentRefusal = "insufficient_credit" | "key_spend_cap_reached";

export function paymentRequiredFields(reason: PaymentRefusal, balance: bigint, price: bigint, teamSlug: string) {
  const topUpUrl = `${appUrl()}/${teamSlug}/billing`;
  const detail =
    reason === "insufficient_credit"
      ? `Your team's credit (${gatewayAmount(balance)} ${currency()}) is below the price of this call (${gatewayAmount(price)} ${currency()}). Top up at ${topUpUrl}.`
      : `This key has reached its spend cap. Raise the cap by rotating to a new key, or use another key of your team.`;
  return {
    detail,
    extra: { balance: gatewayAmount(balance), price: gatewayAmount(price), currency: currency(), topUpUrl },
    headers: { link: `<${topUpUrl}>; rel="payment"` },
  };
}
