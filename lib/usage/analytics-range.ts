// The range of the usage page and its CSV export, from search params: `range=24h|7d|30d` (the last
// 24 hours, 7 or 30 days up to now) or `range=custom&from=YYYY-MM-DD&to=YYYY-MM-DD` (whole UTC
// days, both included). One parser for the page and the export, so both read the same rows.
import { MAX_RANGE_DAYS } from "@/lib/usage/usage-range";
import { firstParam, type SearchParamValue } from "@/lib/http/search-params";

const RANGE_PRESETS = { "24h": 1, "7d": 7, "30d": 30 } as const;
type RangeKey = keyof typeof RANGE_PRESETS | "custom";

const DAY_MS = 86_400_000;
/** Up to this span the charts bucket by hour, beyond it by UTC day. */
const HOURLY_UP_TO_MS = 7 * DAY_MS;

export type AnalyticsRange = {
  key: RangeKey;
  /** half-open [from, to) */
  from: Date;
  to: Date;
  granularity: "hour" | "day";
  /** for headings and file names, e.g. "last 7 days" or "2026-11-01 to 2026-11-24" */
  label: string;
  /** the search params that reproduce this range */
  params: Record<string, string>;
};

type RangeResult =
  { ok: true; range: AnalyticsRange } | { ok: false; message: string; fieldErrors: Record<string, string>; fallback: AnalyticsRange };

type Params = Record<string, SearchParamValue>;

const first = (value: SearchParamValue) => firstParam(value)?.trim() || undefined;

export function parseAnalyticsRange(params: Params, now = new Date()): RangeResult {
  const key = first(params.range) ?? "24h";
  const fallback = presetRange("24h", now);
  if (key in RANGE_PRESETS) return { ok: true, range: presetRange(key as keyof typeof RANGE_PRESETS, now) };
  if (key !== "custom")
    return fail(`Unknown range “${key}”: choose 24h, 7d, 30d or a custom range.`, { range: "Choose 24h, 7d, 30d or custom." }, fallback);

  const fromText = first(params.from);
  const toText = first(params.to);
  const fieldErrors: Record<string, string> = {};
  const from = parseDay(fromText);
  const to = parseDay(toText);
  if (!fromText) fieldErrors.from = "Enter a start date.";
  else if (!from) fieldErrors.from = "Enter a date as YYYY-MM-DD.";
  if (!toText) fieldErrors.to = "Enter an end date.";
  else if (!to) fieldErrors.to = "Enter a date as YYYY-MM-DD.";
  if (from && to) {
    const end = new Date(to.getTime() + DAY_MS);
    if (from > to) fieldErrors.to = "The end date must be on or after the start date.";
    else if (end.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) fieldErrors.to = `A range spans at most ${MAX_RANGE_DAYS} days.`;
    else if (from > now) fieldErrors.from = "The start date is in the future.";
    else {
      const span = end.getTime() - from.getTime();
      return {
        ok: true,
        range: {
          key: "custom",
          from,
          to: end,
          granularity: span <= HOURLY_UP_TO_MS ? "hour" : "day",
          label: fromText === toText ? `${fromText} (UTC)` : `${fromText} to ${toText} (UTC)`,
          params: { range: "custom", from: fromText!, to: toText! },
        },
      };
    }
  }
  return fail("The custom range is not valid: " + Object.values(fieldErrors).join(" "), fieldErrors, fallback);
}

function fail(message: string, fieldErrors: Record<string, string>, fallback: AnalyticsRange): RangeResult {
  return { ok: false, message, fieldErrors, fallback };
}

function presetRange(key: keyof typeof RANGE_PRESETS, now: Date): AnalyticsRange {
  const days = RANGE_PRESETS[key];
  return {
    key,
    from: new Date(now.getTime() - days * DAY_MS),
    to: now,
    granularity: days * DAY_MS <= HOURLY_UP_TO_MS ? "hour" : "day",
    label: days === 1 ? "last 24 hours" : `last ${days} days`,
    params: { range: key },
  };
}

/** A calendar date as the start of that UTC day; null unless it is a real YYYY-MM-DD date. */
function parseDay(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}
