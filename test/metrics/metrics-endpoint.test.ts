// GET /metrics: served on the main port only behind METRICS_TOKEN (bearer, 401 problem+json without
// it, 404 when the token is unset or METRICS_PORT is set), and on the separate METRICS_PORT server.
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { startMetricsServer, stopMetricsServer } from "@/lib/metrics/metrics-server";
import { parseSamples } from "../support/metrics-text";

const TOKEN = "metrics-token-0123456789abcdef";

function get(authorization?: string): Promise<Response> {
  return GET(new Request("http://localhost:3000/metrics", { headers: authorization ? { authorization } : {} }));
}

afterEach(() => {
  delete process.env.METRICS_TOKEN;
  delete process.env.METRICS_PORT;
});
afterAll(() => stopMetricsServer());

describe("GET /metrics on the main port", () => {
  it("is not there without METRICS_TOKEN", async () => {
    const response = await get(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a missing or wrong token with a 401 problem", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const response = await get(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const body = await response.json();
      expect(body).toMatchObject({ status: 401, code: "unauthorized" });
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
  });

  it("answers the Prometheus text format with the token", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const response = await get(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE tollgate_gateway_requests_total counter");
    expect(text).toContain("# TYPE process_cpu_seconds_total counter");
    const names = new Set(parseSamples(text).map((sample) => sample.name));
    expect(names).toContain("tollgate_db_pool_waiting");
    expect(names).toContain("tollgate_usage_pending_events");
    expect(names).toContain("nodejs_heap_size_used_bytes");
  });

  it("is not there when METRICS_PORT serves the metrics, token or not", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    process.env.METRICS_PORT = "9464";
    expect((await get(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("refuses a METRICS_TOKEN shorter than 24 characters as invalid configuration", async () => {
    process.env.METRICS_TOKEN = "short";
    await expect(get("Bearer short")).rejects.toThrow(/METRICS_TOKEN must be at least 24 characters/);
  });
});

describe("the METRICS_PORT server", () => {
  it("serves GET /metrics and nothing else, with the token when one is set", async () => {
    process.env.METRICS_PORT = "1";
    const server = await startMetricsServer(0, "127.0.0.1");
    expect(await startMetricsServer(0, "127.0.0.1")).toBe(server); // once per process
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const open = await fetch(`${base}/metrics`);
    expect(open.status).toBe(200);
    expect(open.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await open.text()).toContain("tollgate_gateway_requests_total");
    expect((await fetch(`${base}/metrics`, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${base}/other`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);

    process.env.METRICS_TOKEN = TOKEN;
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
