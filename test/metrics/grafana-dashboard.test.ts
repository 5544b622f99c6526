// deploy/grafana/tollgate.json names only metrics that exist: every PromQL expression of every panel
// is read for its metric names, and each must be registered once all of lib/metrics is loaded.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registry } from "@/lib/metrics/registry";
import "@/lib/metrics/metrics-endpoint"; // loads every metric definition

type Panel = { title?: string; type: string; targets?: { expr?: string }[]; panels?: Panel[] };

const dashboard = JSON.parse(readFileSync("deploy/grafana/tollgate.json", "utf8")) as { uid: string; title: string; panels: Panel[] };

const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
  "inf",
  "nan",
]);

/** The metric names an expression selects: identifiers that are not functions, keywords, labels or ranges. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values and strings
    .replace(/\{[^}]*\}/g, "") // label matchers
    .replace(/\[[^\]]*\]/g, "") // ranges ([5m], [$__rate_interval])
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ""); // grouping labels
  return [...bare.matchAll(/(?<![\w.$])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()/g)]
    .map((match) => match[1]!)
    .filter((name) => !KEYWORDS.has(name.toLowerCase()));
}

/** A histogram is registered under its base name; its series carry _bucket, _sum and _count. */
function registered(name: string): boolean {
  if (registry.getSingleMetric(name)) return true;
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return base !== name && (registry.getSingleMetric(base) as { type?: string } | undefined)?.type === "histogram";
}

function panelsOf(panels: Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
}

const expressions = panelsOf(dashboard.panels).flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title ?? panel.type, expr: target.expr ?? "" })),
);

describe("the Grafana dashboard", () => {
  it("reads metric names out of PromQL", () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (api, le) (rate(tollgate_gateway_upstream_seconds_bucket{instance=~"$i"}[$__rate_interval])))',
      ),
    ).toEqual(["tollgate_gateway_upstream_seconds_bucket"]);
    expect(metricNames("(sum(rate(a_total[1m])) - sum(rate(b_total[1m]))) * 60 / 1e6")).toEqual(["a_total", "b_total"]);
    expect(registered("tollgate_not_a_metric_total")).toBe(false);
    expect(registered("tollgate_usage_pending_events_count")).toBe(false); // a gauge has no _count series
    expect(registered("tollgate_usage_batch_lag_seconds_count")).toBe(true);
  });

  it("is a dashboard with panels for the gateway at a glance", () => {
    expect(dashboard).toMatchObject({ uid: "tollgate-overview", title: "Tollgate" });
    expect(expressions.length).toBeGreaterThan(20);
    const all = expressions.map((entry) => entry.expr).join("\n");
    for (const needed of [
      "tollgate_gateway_requests_total",
      "tollgate_gateway_payment_required_total",
      "tollgate_gateway_rate_limited_total",
      "tollgate_gateway_overhead_seconds_bucket",
      "tollgate_gateway_upstream_seconds_bucket",
      "tollgate_credit_charged_micros_total",
      "tollgate_ai_tokens_total",
      "tollgate_usage_batch_lag_seconds_bucket",
      "tollgate_db_pool_connections",
      "process_cpu_seconds_total",
      "process_resident_memory_bytes",
    ]) {
      expect(all).toContain(needed);
    }
  });

  it("names only metrics that exist in the registry", () => {
    for (const { panel, expr } of expressions) {
      const names = metricNames(expr);
      expect(names.length, `${panel}: ${expr}`).toBeGreaterThan(0);
      for (const name of names) expect(registered(name), `${panel}: ${name} is not a registered metric`).toBe(true);
    }
  });
});
