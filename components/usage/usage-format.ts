// How analytics figures read on the page: counts with separators, rates as percents, latencies in
// ms or s, times in UTC (the rollups' hours and days are UTC).
import type { Granularity } from "@/lib/usage/usage-series";

const count = new Intl.NumberFormat("en");
export const formatCount = (value: number) => count.format(value);

/** "1 call", "3 calls": a counted noun with its number (English plural with -s). */
export const countOf = (value: number, noun: string) => `${formatCount(value)} ${value === 1 ? noun : `${noun}s`}`;

export function formatRate(rate: number | null): string {
  if (rate === null) return "–";
  const percent = rate * 100;
  return `${percent === 0 || percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 10 || Number.isInteger(ms) ? Math.round(ms) : ms.toFixed(1)} ms`;
}

const hourLabel = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
export const logTime = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

export function formatBucket(at: Date, granularity: Granularity): string {
  return granularity === "hour" ? hourLabel.format(at) : dayLabel.format(at);
}

/** `base` with `params` as its query string, empty values left out. */
export function hrefWith(base: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return query ? `${base}?${query}` : base;
}
