// The price of an AI call in micro-units, in exact BigInt arithmetic: prices are per 1,000,000 tokens,
// the sum over the three kinds of token is rounded UP to the micro-unit once per call (never per
// kind, never per chunk), then the plan's fee per request is added.
import type { ModelPrices, TokenUsage } from "@/lib/ai/types";

const TOKENS_PER_PRICE_UNIT = 1_000_000n;

/**
 * ceil((uncached input × inputPrice + cached input × cachedInputPrice + output × outputPrice) / 1M) + fee.
 * Cached input is part of input; a provider reporting more cached than input tokens is priced as if
 * all its input was cached.
 */
export function costOf(usage: TokenUsage, prices: ModelPrices, feePerRequest: bigint): bigint {
  const input = tokens(usage.inputTokens, "inputTokens");
  const output = tokens(usage.outputTokens, "outputTokens");
  const cached = min(tokens(usage.cachedInputTokens, "cachedInputTokens"), input);
  checkPrices(prices, feePerRequest);
  const scaled = (input - cached) * prices.inputPrice + cached * prices.cachedInputPrice + output * prices.outputPrice;
  return ceilDiv(scaled, TOKENS_PER_PRICE_UNIT) + feePerRequest;
}

/**
 * The most a call can cost, reserved before it is sent: every estimated input token at the dearer
 * of the two input prices (so a cached price set above the input price cannot outgrow it), plus the
 * whole output cap, which Tollgate sends upstream so the output cannot exceed it.
 */
export function reservationFor(
  call: { estimatedInputTokens: number; outputCap: number },
  prices: ModelPrices,
  feePerRequest: bigint,
): bigint {
  const dearestInput = prices.cachedInputPrice > prices.inputPrice ? prices.cachedInputPrice : prices.inputPrice;
  const usage: TokenUsage = { inputTokens: call.estimatedInputTokens, cachedInputTokens: 0, outputTokens: call.outputCap };
  return costOf(usage, { ...prices, inputPrice: dearestInput }, feePerRequest);
}

/** The output cap sent upstream: the smallest of the request's max tokens, the plan's cap and the model's maximum. */
export function effectiveOutputCap(requested: number | null | undefined, planCap: number | null | undefined, modelMax: number): number {
  let cap = modelMax;
  for (const limit of [requested, planCap]) if (limit !== null && limit !== undefined && limit < cap) cap = limit;
  return cap;
}

function tokens(count: number, name: string): bigint {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${name} must be a non-negative integer, got ${count}`);
  return BigInt(count);
}

function checkPrices(prices: ModelPrices, feePerRequest: bigint) {
  for (const [name, value] of Object.entries({ ...prices, feePerRequest })) {
    if (value < 0n) throw new RangeError(`${name} must not be negative, got ${value}`);
  }
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Division rounded toward +∞ for a non-negative dividend: exact multiples stay as they are. */
const ceilDiv = (dividend: bigint, divisor: bigint) => (dividend + divisor - 1n) / divisor;
