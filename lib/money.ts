// Money is an integer count of micro-units (1 USD = 1_000_000). These helpers only format and
// parse; they never go through floating point.
export const MICROS_PER_UNIT = 1_000_000n;

/** 2_500_000n -> "2.50"; 2_000n -> "0.002"; keeps at least `minFractionDigits`, at most six. */
export function microsToDecimal(micros: bigint, minFractionDigits = 2): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / MICROS_PER_UNIT;
  let fraction = (absolute % MICROS_PER_UNIT).toString().padStart(6, "0");
  while (fraction.length > minFractionDigits && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * An amount as Tollgate states it to machines: the management API, the gateway's 402 body and its
 * X-Credit-* headers (REST and AI). Always six decimals ("0.002000"), so every amount parses the same way.
 */
export const gatewayAmount = (micros: bigint): string => microsToDecimal(micros, 6);

/** "12.5" -> 12_500_000n. Refuses more than six decimals, signs and anything not a plain number. */
export function decimalToMicros(value: string): bigint {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal amount: ${value}`);
  return BigInt(match[1]!) * MICROS_PER_UNIT + BigInt((match[2] ?? "").padEnd(6, "0"));
}

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥" };

export function formatMoney(micros: bigint, currency: string, minFractionDigits = 2): string {
  const symbol = SYMBOLS[currency];
  const amount = microsToDecimal(micros < 0n ? -micros : micros, minFractionDigits);
  const sign = micros < 0n ? "−" : "";
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${amount} ${currency}`;
}

export function currency(): string {
  return (process.env.CURRENCY ?? "USD").toUpperCase();
}
