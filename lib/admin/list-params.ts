// Search params of the admin lists, read defensively: a hand-edited URL falls back to defaults.

/** `value` when it names one of `options`, else `fallback`. */
export function optionParam<K extends string>(options: Record<K, unknown>, value: unknown, fallback: K): K {
  return typeof value === "string" && Object.hasOwn(options, value) ? (value as K) : fallback;
}

/** A text param (the first, when repeated) trimmed and cut to `max` characters; "" when absent. */
export function textParam(value: string | string[] | undefined, max: number): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim().slice(0, max);
}
