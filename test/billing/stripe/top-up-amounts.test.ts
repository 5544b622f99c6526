// lib/billing/stripe/top-up-amounts.ts and minor-units.ts: what may be bought, and exact
// conversion to Stripe's minor units.
import { afterEach, describe, expect, it } from "vitest";
import { topUpBounds, topUpFormSchema, topUpPresets } from "@/lib/billing/stripe/top-up-amounts";
import { microsToMinorUnits, minorUnitsToMicros } from "@/lib/billing/stripe/minor-units";

const amountError = (input: Record<string, string>) =>
  topUpFormSchema.safeParse(input).error?.issues.find((issue) => issue.path[0] === "amount")?.message;

afterEach(() => {
  delete process.env.TOPUP_MIN;
  delete process.env.TOPUP_MAX;
  delete process.env.CURRENCY;
});

describe("topUpFormSchema", () => {
  it("accepts presets and custom amounts within the bounds, in micro-units", () => {
    expect(topUpFormSchema.parse({ amount: "25" })).toEqual({ amountMicros: 25_000_000n, saveCard: false });
    expect(topUpFormSchema.parse({ amount: "custom", customAmount: "12.50", saveCard: "on" })).toEqual({
      amountMicros: 12_500_000n,
      saveCard: true,
    });
    expect(topUpFormSchema.parse({ amount: "custom", customAmount: "5" }).amountMicros).toBe(5_000_000n);
    expect(topUpFormSchema.parse({ amount: "custom", customAmount: "1000" }).amountMicros).toBe(1_000_000_000n);
  });

  it("refuses amounts that are not offered, out of bounds, non-numeric or too precise", () => {
    expect(amountError({ amount: "30" })).toBe("Choose one of the amounts or enter your own.");
    expect(amountError({ amount: "custom", customAmount: "4.99" })).toBe("The smallest top-up is $5.00.");
    expect(amountError({ amount: "custom", customAmount: "1000.01" })).toBe("The largest top-up is $1000.00.");
    expect(amountError({ amount: "custom", customAmount: "ten" })).toBe("Enter an amount with at most two decimals, e.g. 25 or 12.50.");
    expect(amountError({ amount: "custom", customAmount: "12.345" })).toBe("Enter an amount with at most two decimals, e.g. 25 or 12.50.");
    expect(amountError({ amount: "custom", customAmount: "-10" })).toBeDefined();
    expect(amountError({ amount: "custom", customAmount: "" })).toBe("Enter an amount.");
  });

  it("reads TOPUP_MIN and TOPUP_MAX, and offers only presets inside them", () => {
    process.env.TOPUP_MIN = "20";
    process.env.TOPUP_MAX = "60";
    expect(topUpBounds()).toEqual({ min: 20_000_000n, max: 60_000_000n });
    expect(topUpPresets()).toEqual([25_000_000n, 50_000_000n]);
    expect(amountError({ amount: "10" })).toBeDefined();
    process.env.TOPUP_MIN = "abc";
    expect(() => topUpBounds()).toThrow(/TOPUP_MIN/);
  });

  it("wants whole amounts in a zero-decimal currency", () => {
    process.env.CURRENCY = "JPY";
    expect(amountError({ amount: "custom", customAmount: "12.5" })).toBe("Enter a whole number of JPY, e.g. 500.");
  });
});

describe("minor units", () => {
  it("converts exactly both ways", () => {
    expect(microsToMinorUnits(25_000_000n, "USD")).toBe(2500);
    expect(microsToMinorUnits(12_340_000n, "EUR")).toBe(1234);
    expect(microsToMinorUnits(500_000_000n, "JPY")).toBe(500);
    expect(minorUnitsToMicros(2500, "USD")).toBe(25_000_000n);
    expect(minorUnitsToMicros(500, "jpy")).toBe(500_000_000n);
    expect(() => microsToMinorUnits(1_234_567n, "USD")).toThrow();
  });
});
