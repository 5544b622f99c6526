// The gateway's metrics move with real calls (real upstream, real PostgreSQL, the gateway core):
// an answered call, a 402 and a 429 each count under their API with their status class and code,
// the credit counters follow the ledger, latency histograms fill; labels name the API at most.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";
import { ledgerInvariant } from "../support/ledger";
import { registry } from "@/lib/metrics/registry";
import { parseSamples, valueOf, type Sample } from "../support/metrics-text";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const REQUESTS = "tollgate_gateway_requests_total";

async function scrape(): Promise<Sample[]> {
  return parseSamples(await registry.metrics());
}

async function answered(slug: string, path: string, key: string): Promise<number> {
  const response = await callGateway(slug, path, { key });
  await response.arrayBuffer();
  return response.status;
}

function delta(before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}): number {
  return valueOf(after, name, labels) - valueOf(before, name, labels);
}

describe("gateway metrics after real calls", () => {
  it("count a 200, a 402 and a 429 by API, status class and code, with the credit charged and refunded", async () => {
    const price = 2_500n;
    const paid = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price });
    const broke = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000n, price });
    const limited = await createGatewayFixture({
      upstreamUrl: upstream.url,
      balance: 10_000n,
      price,
      rateLimit: 1,
      rateLimitWindowSec: 60,
    });
    const before = await scrape();

    expect(await answered(paid.slug, "/echo", paid.key)).toBe(200);
    expect(await answered(paid.slug, "/status/503", paid.key)).toBe(503); // refunded under the default policy
    expect(await answered(broke.slug, "/echo", broke.key)).toBe(402);
    expect(await answered(limited.slug, "/echo", limited.key)).toBe(200);
    expect(await answered(limited.slug, "/echo", limited.key)).toBe(429);
    await flushUsage();
    const after = await scrape();

    expect(delta(before, after, REQUESTS, { api: paid.slug, status_class: "2xx", code: "none" })).toBe(1);
    expect(delta(before, after, REQUESTS, { api: paid.slug, status_class: "5xx", code: "none" })).toBe(1);
    expect(delta(before, after, REQUESTS, { api: broke.slug, status_class: "4xx", code: "insufficient_credit" })).toBe(1);
    expect(delta(before, after, REQUESTS, { api: limited.slug, status_class: "4xx", code: "rate_limited" })).toBe(1);
    expect(delta(before, after, "tollgate_gateway_payment_required_total", { api: broke.slug })).toBe(1);
    expect(delta(before, after, "tollgate_gateway_payment_required_total", { api: paid.slug })).toBe(0);
    expect(delta(before, after, "tollgate_gateway_rate_limited_total", { api: limited.slug })).toBe(1);

    // Two charged calls on `paid`, the 503 refunded: the counters say what the ledger says.
    expect(delta(before, after, "tollgate_credit_charged_micros_total", { api: paid.slug })).toBe(Number(2n * price));
    expect(delta(before, after, "tollgate_credit_refunded_micros_total", { api: paid.slug })).toBe(Number(price));
    expect((await ledgerInvariant(paid.team.id)).balance).toBe(10_000n - price);
    expect(delta(before, after, "tollgate_credit_charged_micros_total", { api: broke.slug })).toBe(0);

    // Latency: each forwarded call once in the overhead histogram, in its API's upstream histogram.
    expect(delta(before, after, "tollgate_gateway_upstream_seconds_count", { api: paid.slug })).toBe(2);
    expect(delta(before, after, "tollgate_gateway_upstream_seconds_count", { api: limited.slug })).toBe(1);
    expect(delta(before, after, "tollgate_gateway_overhead_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(valueOf(after, "tollgate_gateway_upstream_seconds_sum", { api: paid.slug })).toBeGreaterThan(0);
    const buckets = after.filter((sample) => sample.name === "tollgate_gateway_upstream_seconds_bucket" && sample.labels.api === paid.slug);
    expect(buckets.map((sample) => sample.value)).toEqual([...buckets.map((sample) => sample.value)].sort((a, b) => a - b)); // cumulative
    expect(buckets.at(-1)).toMatchObject({
      labels: { le: "+Inf" },
      value: valueOf(after, "tollgate_gateway_upstream_seconds_count", { api: paid.slug }),
    });

    // The usage batch that carried them was written and measured.
    expect(delta(before, after, "tollgate_usage_batch_size_count")).toBeGreaterThanOrEqual(1);
    expect(delta(before, after, "tollgate_usage_batch_size_sum")).toBeGreaterThanOrEqual(5);
    expect(valueOf(after, "tollgate_usage_pending_events")).toBe(0);
    expect(delta(before, after, "tollgate_cache_lookups_total", { cache: "api-keys", result: "hit" })).toBeGreaterThanOrEqual(1);
  });

  it("never label with a key id, team id, path or a slug the caller made up", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 10_000n, price: 1_000n });
    const madeUp = `made-up-${fixture.keyRow.id.slice(0, 8)}`;
    expect(await answered(fixture.slug, "/echo/unique-path-segment", fixture.key)).toBe(200);
    expect(await answered(madeUp, "/echo", fixture.key)).toBe(404);
    expect(await answered(fixture.slug, "/echo", "tg_live_not-a-real-key")).toBe(401);
    await flushUsage();
    const samples = await scrape();
    const text = JSON.stringify(samples);
    for (const secret of [
      fixture.keyRow.id,
      fixture.team.id,
      fixture.team.slug,
      fixture.api.id,
      fixture.key,
      "unique-path-segment",
      madeUp,
    ]) {
      expect(text).not.toContain(secret);
    }
    // A call refused before its API was known counts under api="none".
    expect(valueOf(samples, REQUESTS, { api: "none", status_class: "4xx", code: "api_not_found" })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, REQUESTS, { api: "none", status_class: "4xx", code: "invalid_api_key" })).toBeGreaterThanOrEqual(1);

    const allowed = new Set(["api", "status_class", "code", "model", "kind", "outcome", "type", "cache", "result", "state", "le", "mode"]);
    for (const sample of samples.filter((candidate) => candidate.name.startsWith("tollgate_"))) {
      for (const label of Object.keys(sample.labels)) expect(allowed, `${sample.name} has label ${label}`).toContain(label);
    }
  });
});
