// Label values stay bounded whatever arrives: past the bound, new values count under "other".
import { describe, expect, it } from "vitest";
import { BoundedLabels, OTHER } from "@/lib/metrics/bounded-labels";
import { observeGatewayCall } from "@/lib/metrics/gateway-metrics";
import { registry } from "@/lib/metrics/registry";
import { parseSamples, valueOf } from "../support/metrics-text";

describe("bounded labels", () => {
  it("gives the first N values their own entry and every later one the shared 'other'", () => {
    const made: string[] = [];
    const labels = new BoundedLabels(3, (value) => (made.push(value), { value }));
    for (const value of ["a", "b", "c", "d", "e", "a"]) labels.get(value);
    expect(made).toEqual(["a", "b", "c", OTHER]);
    expect(labels.get("z")).toBe(labels.get("y"));
    expect(labels.get("a")).toEqual({ value: "a" });
  });

  it("keeps an API's problem codes to 64 series, the rest counted as other", async () => {
    const api = `bounded-${Date.now()}`;
    for (let i = 0; i < 100; i++) {
      observeGatewayCall({ apiSlug: api, status: 400, errorCode: `code_${i}`, charged: 0n, refunded: 0n });
    }
    const samples = parseSamples(await registry.metrics()).filter(
      (sample) => sample.name === "tollgate_gateway_requests_total" && sample.labels.api === api,
    );
    expect(samples).toHaveLength(65);
    expect(valueOf(samples, "tollgate_gateway_requests_total", { api, code: "other" })).toBe(36);
    expect(samples.reduce((total, sample) => total + sample.value, 0)).toBe(100);
  });
});
