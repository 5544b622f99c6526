// Stripe amounts are integers in the currency's minor unit (cents); ours are micro-units.
// Two-decimal and zero-decimal currencies are handled; three-decimal ones (BHD, KWD, ...) are out
// of scope: Stripe wants their last digit to be 0 and we do not offer them as credit currencies.
import { MICROS_PER_UNIT } from "@/lib/money";

// https://docs.stripe.com/currencies#zero-decimal
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

export function currencyDecimals(currency: string): 0 | 2 {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

const microsPerMinorUnit = (currency: string) => (currencyDecimals(currency) === 0 ? MICROS_PER_UNIT : 10_000n);

/** 25_000_000n USD -> 2500. Throws when the amount has finer precision than the currency allows. */
export function microsToMinorUnits(micros: bigint, currency: string): number {
  const per = microsPerMinorUnit(currency);
  if (micros % per !== 0n) throw new Error(`${micros} micro-units is not a whole number of ${currency} minor units`);
  return Number(micros / per);
}

/** 2500 USD -> 25_000_000n: the exact inverse, for amounts Stripe reports. */
export function minorUnitsToMicros(minor: number, currency: string): bigint {
  return BigInt(minor) * microsPerMinorUnit(currency);
}
