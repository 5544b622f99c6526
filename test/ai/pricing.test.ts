// The price of an AI call (lib/ai/pricing.ts), against figures computed by hand: prices are micro-units
// per 1M tokens, the sum is rounded up to the micro-unit once per call, then the fee is added.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costOf, effectiveOutputCap, reservationFor } from "@/lib/ai/pricing";
import type { ModelPrices } from "@/lib/ai/types";

// 2.50 / 1.25 / 10.00 per 1M tokens, in micro-units.
const PRICES: ModelPrices = { inputPrice: 2_500_000n, cachedInputPrice: 1_250_000n, outputPrice: 10_000_000n };
const ONE_MICRO_EACH: ModelPrices = { inputPrice: 1n, cachedInputPrice: 1n, outputPrice: 1n };
const FREE: ModelPrices = { inputPrice: 0n, cachedInputPrice: 0n, outputPrice: 0n };

describe("costOf", () => {
  it("prices uncached input, cached input and output at their own prices", () => {
    // 800 × 2.5 + 200 × 1.25 + 500 × 10 = 2,000 + 250 + 5,000 = 7,250 micro-units, an exact figure.
    const usage = { inputTokens: 1_000, cachedInputTokens: 200, outputTokens: 500 };
    expect(costOf(usage, PRICES, 0n)).toBe(7_250n);
    expect(costOf(usage, PRICES, 100n)).toBe(7_350n);
  });

  it("rounds a fraction of a micro-unit up, and an exact multiple not at all", () => {
    expect(costOf({ inputTokens: 1, cachedInputTokens: 0, outputTokens: 0 }, ONE_MICRO_EACH, 0n)).toBe(1n);
    expect(costOf({ inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 0 }, ONE_MICRO_EACH, 0n)).toBe(1n);
    expect(costOf({ inputTokens: 1_000_001, cachedInputTokens: 0, outputTokens: 0 }, ONE_MICRO_EACH, 0n)).toBe(2n);
    expect(costOf({ inputTokens: 999_999, cachedInputTokens: 0, outputTokens: 1 }, ONE_MICRO_EACH, 0n)).toBe(1n);
    // 1,234 × 0.15 + 56 × 0.60 = 185.1 + 33.6 = 218.7 -> 219.
    expect(
      costOf({ inputTokens: 1_234, cachedInputTokens: 0, outputTokens: 56 }, { ...FREE, inputPrice: 150_000n, outputPrice: 600_000n }, 0n),
    ).toBe(219n);
  });

  it("rounds once per call, not once per kind of token", () => {
    // 1 + 1 + 1 millionths: one micro-unit, where rounding each kind would charge three.
    expect(costOf({ inputTokens: 2, cachedInputTokens: 1, outputTokens: 1 }, ONE_MICRO_EACH, 0n)).toBe(1n);
  });

  it("charges only the fee when every price is zero", () => {
    const usage = { inputTokens: 123_456, cachedInputTokens: 789, outputTokens: 4_321 };
    expect(costOf(usage, FREE, 0n)).toBe(0n);
    expect(costOf(usage, FREE, 2_000n)).toBe(2_000n);
    expect(costOf({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 }, PRICES, 0n)).toBe(0n);
  });

  it("stays exact for token counts and prices far beyond a double's precision", () => {
    const huge = Number.MAX_SAFE_INTEGER; // 9,007,199,254,740,991 tokens
    const prices = { inputPrice: 1_000_000_000_000n, cachedInputPrice: 0n, outputPrice: 3n };
    // huge × 10^12 / 10^6 = huge × 10^6 exactly; huge × 3 / 10^6 = 27,021,597,764.222973 -> rounds up with the sum.
    const expected = 9_007_199_254_740_991_000_000n + 27_021_597_765n;
    expect(costOf({ inputTokens: huge, cachedInputTokens: 0, outputTokens: huge }, prices, 0n)).toBe(expected);
  });

  it("prices cached tokens above the input as all-cached input", () => {
    expect(costOf({ inputTokens: 100, cachedInputTokens: 150, outputTokens: 0 }, PRICES, 0n)).toBe(125n);
  });

  it("refuses negative or fractional token counts and negative prices", () => {
    const ok = { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 };
    expect(() => costOf({ ...ok, inputTokens: -1 }, PRICES, 0n)).toThrow(RangeError);
    expect(() => costOf({ ...ok, outputTokens: 1.5 }, PRICES, 0n)).toThrow(/outputTokens/);
    expect(() => costOf({ ...ok, cachedInputTokens: Number.NaN }, PRICES, 0n)).toThrow(RangeError);
    expect(() => costOf(ok, { ...PRICES, outputPrice: -1n }, 0n)).toThrow(/outputPrice/);
    expect(() => costOf(ok, PRICES, -1n)).toThrow(/feePerRequest/);
  });
});

describe("reservationFor", () => {
  it("prices the estimated input as uncached and the whole output cap", () => {
    // 1,000 × 0.15 + 256 × 0.60 = 150 + 153.6 = 303.6 -> 304, plus a fee of 50.
    const prices = { inputPrice: 150_000n, cachedInputPrice: 75_000n, outputPrice: 600_000n };
    expect(reservationFor({ estimatedInputTokens: 1_000, outputCap: 256 }, prices, 0n)).toBe(304n);
    expect(reservationFor({ estimatedInputTokens: 1_000, outputCap: 256 }, prices, 50n)).toBe(354n);
  });

  it("uses the cached price when it is set above the input price", () => {
    expect(
      reservationFor({ estimatedInputTokens: 10, outputCap: 0 }, { ...FREE, inputPrice: 1_000_000n, cachedInputPrice: 3_000_000n }, 0n),
    ).toBe(30n);
  });

  it("is never below the cost of a call within its estimate and cap", () => {
    const price = fc.bigInt({ min: 0n, max: 100_000_000n });
    const call = fc.record({ estimated: fc.nat(2_000_000), cap: fc.nat(200_000) }).chain(({ estimated, cap }) =>
      fc.record({
        estimated: fc.constant(estimated),
        cap: fc.constant(cap),
        input: fc.nat(estimated),
        cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        output: fc.nat(cap),
      }),
    );
    fc.assert(
      fc.property(call, price, price, price, fc.bigInt({ min: 0n, max: 10_000n }), (c, inputPrice, cachedInputPrice, outputPrice, fee) => {
        const prices = { inputPrice, cachedInputPrice, outputPrice };
        const usage = { inputTokens: c.input, cachedInputTokens: Math.floor(c.input * c.cachedShare), outputTokens: c.output };
        expect(costOf(usage, prices, fee)).toBeLessThanOrEqual(
          reservationFor({ estimatedInputTokens: c.estimated, outputCap: c.cap }, prices, fee),
        );
      }),
    );
  });
});

describe("effectiveOutputCap", () => {
  it("is the smallest of the limits that are set", () => {
    expect(effectiveOutputCap(undefined, undefined, 4_096)).toBe(4_096);
    expect(effectiveOutputCap(null, null, 4_096)).toBe(4_096);
    expect(effectiveOutputCap(1_000, undefined, 4_096)).toBe(1_000);
    expect(effectiveOutputCap(5_000, 2_000, 4_096)).toBe(2_000);
    expect(effectiveOutputCap(100, 2_000, 4_096)).toBe(100);
    expect(effectiveOutputCap(null, 8_000, 4_096)).toBe(4_096);
    expect(effectiveOutputCap(9_000, null, 4_096)).toBe(4_096);
  });
});
