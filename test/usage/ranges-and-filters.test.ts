// Parsing the page's range and log filters from search params: presets, custom days, and readable
// errors for anything else.
import { describe, expect, it } from "vitest";
import { parseAnalyticsRange } from "@/lib/usage/analytics-range";
import { filterParams, parseLogFilters } from "@/lib/usage/log-filters";
import { decodeCursor, encodeCursor } from "@/lib/usage/request-log";

const now = new Date("2026-11-24T15:30:00.000Z");

describe("parseAnalyticsRange", () => {
  it("reads the presets, 24h by default, hourly up to 7 days and daily beyond", () => {
    const byDefault = parseAnalyticsRange({}, now);
    expect(byDefault).toMatchObject({
      ok: true,
      range: { key: "24h", from: new Date("2026-11-23T15:30:00.000Z"), to: now, granularity: "hour", label: "last 24 hours" },
    });
    expect(parseAnalyticsRange({ range: "7d" }, now)).toMatchObject({
      ok: true,
      range: { granularity: "hour", from: new Date("2026-11-17T15:30:00.000Z") },
    });
    expect(parseAnalyticsRange({ range: "30d" }, now)).toMatchObject({
      ok: true,
      range: { granularity: "day", label: "last 30 days", params: { range: "30d" } },
    });
  });

  it("reads a custom range as whole UTC days, the end day included", () => {
    const week = parseAnalyticsRange({ range: "custom", from: "2026-11-01", to: "2026-11-07" }, now);
    expect(week).toMatchObject({
      ok: true,
      range: { key: "custom", from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z"), granularity: "hour" },
    });
    const month = parseAnalyticsRange({ range: "custom", from: "2026-10-01", to: "2026-11-24" }, now);
    expect(month).toMatchObject({
      ok: true,
      range: {
        granularity: "day",
        label: "2026-10-01 to 2026-11-24 (UTC)",
        params: { range: "custom", from: "2026-10-01", to: "2026-11-24" },
      },
    });
  });

  it("explains what is wrong with a custom range and falls back to the last 24 hours", () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ range: "custom" }, { from: "Enter a start date.", to: "Enter an end date." }],
      [{ range: "custom", from: "2026-02-30", to: "2026-03-01" }, { from: "Enter a date as YYYY-MM-DD." }],
      [{ range: "custom", from: "yesterday", to: "2026-03-01" }, { from: "Enter a date as YYYY-MM-DD." }],
      [{ range: "custom", from: "2026-03-02", to: "2026-03-01" }, { to: "The end date must be on or after the start date." }],
      [{ range: "custom", from: "2024-01-01", to: "2026-03-01" }, { to: "A range spans at most 366 days." }],
      [{ range: "custom", from: "2026-12-01", to: "2026-12-02" }, { from: "The start date is in the future." }],
      [{ range: "1y" }, { range: "Choose 24h, 7d, 30d or custom." }],
    ];
    for (const [params, errors] of cases) {
      const result = parseAnalyticsRange(params, now);
      expect(result.ok, JSON.stringify(params)).toBe(false);
      if (result.ok) continue;
      expect(result.fieldErrors).toEqual(errors);
      expect(result.message.length).toBeGreaterThan(10);
      expect(result.fallback.key).toBe("24h");
    }
  });
});

describe("parseLogFilters", () => {
  it("keeps valid filters, normalises the method and ignores empty fields", () => {
    const { filters, fieldErrors } = parseLogFilters({
      api: "api1",
      key: "",
      status: "5xx",
      method: " post ",
      path: "/v1/",
      requestId: "req_1",
    });
    expect(fieldErrors).toEqual({});
    expect(filters).toEqual({ api: "api1", status: "5xx", method: "POST", path: "/v1/", requestId: "req_1" });
    expect(filterParams(filters)).toEqual({ api: "api1", status: "5xx", method: "POST", path: "/v1/", requestId: "req_1" });
  });

  it("reports invalid fields and still applies the others", () => {
    const { filters, fieldErrors } = parseLogFilters({ status: "6xx", method: "GET;", path: "v1", api: "api1" });
    expect(Object.keys(fieldErrors).sort()).toEqual(["method", "path", "status"]);
    expect(fieldErrors.path).toBe("A path starts with /, e.g. /v1/quotes.");
    expect(filters).toEqual({ api: "api1" });
  });

  it("round-trips keyset cursors and refuses anything else", () => {
    const cursor = { createdAt: new Date("2026-11-24T10:00:00.123Z"), id: 9_007_199_254_740_993n };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of [undefined, "", "x~1", "2026-11-24T10:00:00.123Z~-1", "2026-11-24T10:00:00.123Z~1;DROP"])
      expect(decodeCursor(bad)).toBeNull();
  });
});
