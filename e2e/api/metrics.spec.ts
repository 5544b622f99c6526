// GET /metrics through the production server (scripts/serve.ts): the gateway answers on node:http and
// /metrics through Next.js's route, two module graphs in one process; a call the gateway answered
// must show in the metrics Next serves. METRICS_TOKEN comes from playwright.config.ts.
import { test, expect } from "@playwright/test";
import { startUpstream, type Upstream } from "../../test/support/upstream-server";
import { parseSamples, valueOf } from "../../test/support/metrics-text";
import { provisionMeteredApi } from "../fixtures";

let upstream: Upstream;
test.beforeAll(async () => void (upstream = await startUpstream()));
test.afterAll(() => upstream.close());

const token = () => process.env.E2E_METRICS_TOKEN!;

test("GET /metrics refuses a caller without the token with a 401 problem", async ({ baseURL }) => {
  const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${token()}x` }];
  for (const headers of attempts) {
    const response = await fetch(`${baseURL}/metrics`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  }
});

test("GET /metrics counts the gateway's calls of this instance by API, status class and code", async ({ request, baseURL }) => {
  const paid = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.002", credit: "1" });
  const broke = await provisionMeteredApi(request, { upstreamUrl: upstream.url, price: "0.002", credit: "0" });
  const call = (slug: string, key: string) => fetch(`${baseURL}/api/gateway/${slug}/echo`, { headers: { authorization: `Bearer ${key}` } });
  const answered = await call(paid.slug, paid.key);
  await answered.arrayBuffer();
  expect(answered.status).toBe(200);
  const refused = await call(broke.slug, broke.key);
  await refused.arrayBuffer();
  expect(refused.status).toBe(402);

  const response = await fetch(`${baseURL}/metrics`, { headers: { authorization: `Bearer ${token()}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = parseSamples(await response.text());
  expect(valueOf(samples, "tollgate_gateway_requests_total", { api: paid.slug, status_class: "2xx", code: "none" })).toBe(1);
  expect(valueOf(samples, "tollgate_credit_charged_micros_total", { api: paid.slug })).toBe(2000);
  expect(valueOf(samples, "tollgate_gateway_upstream_seconds_count", { api: paid.slug })).toBe(1);
  expect(valueOf(samples, "tollgate_gateway_requests_total", { api: broke.slug, status_class: "4xx", code: "insufficient_credit" })).toBe(
    1,
  );
  expect(valueOf(samples, "tollgate_gateway_payment_required_total", { api: broke.slug })).toBe(1);
  expect(valueOf(samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
  expect(
    valueOf(samples, "tollgate_db_pool_connections", { state: "in_use" }) +
      valueOf(samples, "tollgate_db_pool_connections", { state: "idle" }),
  ).toBeGreaterThan(0);
});
