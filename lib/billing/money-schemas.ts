// zod schemas for amounts on the wire: decimal strings in, decimal strings out. The regexes match
// what decimalToMicros accepts, so a value that passes validation always converts exactly.
import { z } from "zod";
import { decimalToMicros, gatewayAmount } from "@/lib/money";

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const SIGNED_DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;
const DECIMAL_FORMAT = "Use a decimal amount with at most six decimals, e.g. 12.50.";

/** A non-negative amount of the currency with at most six decimals: "12.50", "0.002". */
export const decimalAmount = z
  .string()
  .trim()
  // A minus sign is the one mistake worth its own words: "-1" is a number, just not one allowed here.
  .regex(DECIMAL, { error: (issue) => (SIGNED_DECIMAL.test(String(issue.input)) ? "Must be 0 or more." : DECIMAL_FORMAT) })
  .meta({ description: "Amount of the currency as a decimal string", examples: ["12.50", "0.002"] });

/** Like decimalAmount, but may be negative (admin adjustments). */
export const signedDecimalAmount = z
  .string()
  .trim()
  .regex(SIGNED_DECIMAL, "Use a decimal amount with at most six decimals, e.g. 12.50 or -5.00.")
  .meta({ description: "Signed amount of the currency as a decimal string", examples: ["12.50", "-5.00"] });

/** How amounts leave the API: always six decimals, so every amount parses the same way. */
export const moneyString = z
  .string()
  .regex(/^-?\d+\.\d{6}$/)
  .meta({ description: "Amount of the currency as a decimal string with six decimals", examples: ["12.500000", "0.002000"] });

// The gateway states money the same way (lib/money.ts), so a caller parses one format everywhere.
export const toMoneyString = gatewayAmount;

/** "-5.00" -> -5_000_000n; throws on anything signedDecimalAmount refuses. */
export function signedDecimalToMicros(value: string): bigint {
  const trimmed = value.trim();
  return trimmed.startsWith("-") ? -decimalToMicros(trimmed.slice(1)) : decimalToMicros(trimmed);
}

/** For refinements, which zod runs even when a field already failed: null instead of a throw. */
export function signedMicrosOrNull(value: unknown): bigint | null {
  return typeof value === "string" && SIGNED_DECIMAL.test(value.trim()) ? signedDecimalToMicros(value) : null;
}
