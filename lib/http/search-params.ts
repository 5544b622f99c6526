// Search params of pages, read defensively: a repeated param counts once, and a hand-edited URL
// falls back to defaults.

export type SearchParamValue = string | string[] | undefined;

/** The first value of a param (Next.js gives an array when it is repeated). */
export const firstParam = (value: SearchParamValue): string | undefined => (Array.isArray(value) ? value[0] : value);

/** `value` when it names one of `options`, else `fallback`. */
export function optionParam<K extends string>(options: Record<K, unknown>, value: unknown, fallback: K): K {
  return typeof value === "string" && Object.hasOwn(options, value) ? (value as K) : fallback;
}

/** A text param (the first, when repeated) trimmed and cut to `max` characters; "" when absent. */
export function textParam(value: SearchParamValue, max: number): string {
  return (firstParam(value) ?? "").trim().slice(0, max);
}
