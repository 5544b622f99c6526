// The management API over real HTTP against the built app: the public OpenAPI document, problem+json
// refusals, and one provisioning story (team, API with plans, credit, a team key that subscribes).
import crypto from "node:crypto";
import { test, expect } from "@playwright/test";
import { adminToken } from "../fixtures/instances";

const admin = () => ({ authorization: `Bearer ${adminToken()}` });
const suffix = () => crypto.randomBytes(4).toString("hex");

test("GET /api/v1/openapi.json is public and describes the management API", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(["/api/v1/apis", "/api/v1/teams/{team}/credits", "/api/v1/teams/{team}/keys/{id}"]),
  );
});

test("refusals are problem+json: 401 with WWW-Authenticate, 400 for a body that is not JSON", async ({ request }) => {
  const anonymous = await request.get("/api/v1/apis");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toBe("application/problem+json");
  expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
  expect(await anonymous.json()).toMatchObject({ code: "unauthorized", status: 401, requestId: expect.stringMatching(/^req_/) });

  const malformed = await request.post("/api/v1/apis", {
    headers: { ...admin(), "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).code).toBe("bad_request");
});

test("an admin provisions a team; the team's manage key subscribes and is cut off when revoked", async ({ request }) => {
  const team = await request.post("/api/v1/teams", { headers: admin(), data: { name: `E2E Mgmt ${suffix()}` } });
  expect(team.status(), await team.text()).toBe(201);
  const { slug: teamSlug } = await team.json();

  const apiSlug = `e2e-${suffix()}`;
  const plans = [
    {
      slug: "basic",
      name: "Basic",
      price: "0.002",
      rateLimit: 60,
      rateLimitWindowSec: 60,
      maxRequestBytes: 65536,
      requiresApproval: false,
    },
  ];
  const api = await request.post("/api/v1/apis", {
    headers: admin(),
    data: {
      slug: apiSlug,
      name: "E2E API",
      status: "PUBLISHED",
      upstreamBaseUrl: "https://upstream.example.test",
      upstreamCredential: "s3cret",
      plans,
    },
  });
  expect(api.status(), await api.text()).toBe(201);
  expect(await api.json()).toMatchObject({ hasUpstreamCredential: true, plans: [{ slug: "basic", price: "0.002000" }] });

  const grant = { headers: { ...admin(), "idempotency-key": `e2e-${suffix()}` }, data: { amount: "10", reason: "e2e credit" } };
  expect((await request.post(`/api/v1/teams/${teamSlug}/credits`, grant)).status()).toBe(201);
  expect((await request.post(`/api/v1/teams/${teamSlug}/credits`, grant)).status()).toBe(200);

  const created = await request.post(`/api/v1/teams/${teamSlug}/keys`, {
    headers: admin(),
    data: { name: "provisioner", scopes: { apis: "all", manage: true } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { key, id: keyId } = await created.json();
  const asTeam = { authorization: `Bearer ${key}` };

  const balance = await request.get(`/api/v1/teams/${teamSlug}/balance`, { headers: asTeam });
  expect(await balance.json()).toEqual({ balance: "10.000000", currency: expect.any(String) });
  const subscribed = await request.post(`/api/v1/teams/${teamSlug}/subscriptions`, {
    headers: asTeam,
    data: { api: apiSlug, plan: "basic" },
  });
  expect(subscribed.status(), await subscribed.text()).toBe(201);
  expect((await subscribed.json()).status).toBe("ACTIVE");
  expect((await request.get("/api/v1/teams/some-other-team/balance", { headers: asTeam })).status()).toBe(404);

  const keys = await (await request.get(`/api/v1/teams/${teamSlug}/keys`, { headers: asTeam })).json();
  expect(JSON.stringify(keys)).not.toContain(key);
  expect((await request.delete(`/api/v1/teams/${teamSlug}/keys/${keyId}`, { headers: admin() })).status()).toBe(200);
  expect((await request.get(`/api/v1/teams/${teamSlug}/balance`, { headers: asTeam })).status()).toBe(401);
});
