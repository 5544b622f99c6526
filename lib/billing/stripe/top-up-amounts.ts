// What a team may buy: server-side presets or a custom amount between TOPUP_MIN and TOPUP_MAX
// (whole units of the currency, defaults 5 and 1000). The form sends a choice, never a price the
// server would trust as such: presets are looked up here, custom amounts are bounded here.
import { z } from "zod";
import { currency as installationCurrency, decimalToMicros, formatMoney } from "@/lib/money";
import { currencyDecimals } from "@/lib/billing/stripe/minor-units";

const TOP_UP_PRESETS = ["10", "25", "50", "100"] as const;
const CUSTOM_CHOICE = "custom";

const bound = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, "must be a plain amount such as 5 or 12.50")
    .default(fallback)
    .transform((value) => decimalToMicros(value));

const boundsSchema = z
  .object({ TOPUP_MIN: bound("5"), TOPUP_MAX: bound("1000") })
  .refine((b) => b.TOPUP_MIN > 0n && b.TOPUP_MIN <= b.TOPUP_MAX, "TOPUP_MIN must be above 0 and not above TOPUP_MAX");

/** Bounds of a custom top-up in micro-units; a bad setting fails loudly rather than allowing anything. */
export function topUpBounds(): { min: bigint; max: bigint } {
  const result = boundsSchema.safeParse({ TOPUP_MIN: process.env.TOPUP_MIN || undefined, TOPUP_MAX: process.env.TOPUP_MAX || undefined });
  if (!result.success) throw new Error(`Invalid TOPUP_MIN/TOPUP_MAX: ${result.error.issues.map((issue) => issue.message).join("; ")}`);
  return { min: result.data.TOPUP_MIN, max: result.data.TOPUP_MAX };
}

/** Presets that fit the bounds, as micro-units. */
export function topUpPresets(): bigint[] {
  const { min, max } = topUpBounds();
  return TOP_UP_PRESETS.map((preset) => decimalToMicros(preset)).filter((micros) => micros >= min && micros <= max);
}

/** The amount field: undefined when valid, else the message shown next to it. */
function customAmountProblem(value: string, currency: string): string | undefined {
  const decimals = currencyDecimals(currency);
  const pattern = decimals === 0 ? /^\d{1,9}$/ : /^\d{1,9}(\.\d{1,2})?$/;
  if (!value) return "Enter an amount.";
  if (!pattern.test(value))
    return decimals === 0
      ? `Enter a whole number of ${currency}, e.g. 500.`
      : "Enter an amount with at most two decimals, e.g. 25 or 12.50.";
  const micros = decimalToMicros(value);
  const { min, max } = topUpBounds();
  if (micros < min) return `The smallest top-up is ${formatMoney(min, currency)}.`;
  if (micros > max) return `The largest top-up is ${formatMoney(max, currency)}.`;
  return undefined;
}

export const topUpFormSchema = z
  .object({
    amount: z.string().trim().default(""),
    customAmount: z.string().trim().default(""),
    saveCard: z
      .string()
      .optional()
      .transform((value) => value === "on"),
  })
  .transform((input, ctx) => {
    const currency = installationCurrency();
    const presets = topUpPresets();
    if (input.amount !== CUSTOM_CHOICE) {
      const preset = (TOP_UP_PRESETS as readonly string[]).includes(input.amount) ? decimalToMicros(input.amount) : null;
      if (preset !== null && presets.includes(preset)) return { amountMicros: preset, saveCard: input.saveCard };
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Choose one of the amounts or enter your own." });
      return z.NEVER;
    }
    const problem = customAmountProblem(input.customAmount, currency);
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: problem });
      return z.NEVER;
    }
    return { amountMicros: decimalToMicros(input.customAmount), saveCard: input.saveCard };
  });
