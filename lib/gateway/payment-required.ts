// The 402 every metered endpoint answers (REST gateway, AI gateway, MCP tool calls): what happened,
// the balance and the price as decimal strings, and where to top up, also as a `Link: rel=payment`.
// A key at its spend cap is different: more credit would not help, so the detail and the Link point to
// the key on the Keys page, where its cap can be raised (`keyUrl`).
import { appUrl } from "@/lib/env";
import { currency, gatewayAmount } from "@/lib/money";

export type PaymentRefusal = "insufficient_credit" | "key_spend_cap_reached";

/** `capKeyId`: the key whose spend cap counts (ResolvedKey.capKeyId); without it the Link is the Keys page. */
export function paymentRequiredFields(reason: PaymentRefusal, balance: bigint, price: bigint, teamSlug: string, capKeyId?: string) {
  const topUpUrl = `${appUrl()}/${teamSlug}/billing`;
  const amounts = { balance: gatewayAmount(balance), price: gatewayAmount(price), currency: currency(), topUpUrl };
  if (reason === "key_spend_cap_reached") {
    const keyUrl = `${appUrl()}/${teamSlug}/keys${capKeyId ? `#key-${capKeyId}` : ""}`;
    return {
      detail: `This key has reached its spend cap. Raise this key's spend cap on the Keys page (${keyUrl}), or use another key.`,
      extra: { ...amounts, keyUrl },
      headers: { link: `<${keyUrl}>; rel="payment"` },
    };
  }
  return {
    detail: `Your team's credit (${amounts.balance} ${amounts.currency}) is below the price of this call (${amounts.price} ${amounts.currency}). Top up at ${topUpUrl}.`,
    extra: amounts,
    headers: { link: `<${topUpUrl}>; rel="payment"` },
  };
}
