// What a call of a Prompt API costs under a plan, as the AI gateway's price rule (lib/ai/pricing.ts)
// with the plan's choice applied: per call plus tokens (the fee and the model's prices), tokens only
// (no fee), or per call only (the fee; tokens at zero). One rule, so the reservation, the settle and
// the words on the API page agree.
import type { PromptPricing } from "@/lib/db";
import type { ModelPrices } from "@/lib/ai/types";
import { formatMoney } from "@/lib/money";

export const FREE_TOKENS: ModelPrices = { inputPrice: 0n, cachedInputPrice: 0n, outputPrice: 0n };

export type CallPrices = { prices: ModelPrices; fee: bigint };

export function callPrices(pricing: PromptPricing, modelPrices: ModelPrices, pricePerCall: bigint): CallPrices {
  if (pricing === "TOKENS") return { prices: modelPrices, fee: 0n };
  if (pricing === "CALL") return { prices: FREE_TOKENS, fee: pricePerCall };
  return { prices: modelPrices, fee: pricePerCall };
}

/** "$0.001 per call plus tokens at $0.15 per 1M input tokens and $0.60 per 1M output tokens" (cached input named when it differs). */
export function describeCallPrice(pricing: PromptPricing, modelPrices: ModelPrices, pricePerCall: bigint, currency: string): string {
  const money = (micros: bigint) => formatMoney(micros, currency, 2);
  const { inputPrice, cachedInputPrice, outputPrice } = modelPrices;
  const cached = cachedInputPrice !== inputPrice ? `, ${money(cachedInputPrice)} per 1M cached input tokens` : "";
  const tokens = `tokens at ${money(inputPrice)} per 1M input tokens${cached} and ${money(outputPrice)} per 1M output tokens`;
  const free = inputPrice === 0n && cachedInputPrice === 0n && outputPrice === 0n;
  if (pricing === "CALL" || (pricing === "CALL_AND_TOKENS" && free))
    return pricePerCall === 0n ? "Free" : `${money(pricePerCall)} per call, whatever the length`;
  if (pricing === "TOKENS" || pricePerCall === 0n) return free ? "Free" : `Only the ${tokens}`;
  return `${money(pricePerCall)} per call plus ${tokens}`;
}
