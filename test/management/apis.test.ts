// /api/v1/apis: create with plans in one call, read back with decimal prices and without the
// credential, duplicates, refused upstreams, invalid OpenAPI documents, prices out of range,
// lifecycle transitions and plan changes.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import * as apisRoute from "@/app/api/v1/apis/route";
import * as apiRoute from "@/app/api/v1/apis/[slug]/route";
import { createTeamWithOwner } from "../factories";
import { apiBody, call, createTeamKey, seedApi } from "../support/management-factories";

// test/setup-env.ts allows private upstreams (apiBody's placeholder host resolves nowhere); the
// tests of the refusal turn it off for themselves.
afterEach(() => {
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
});

const patch = (slug: string, body: unknown) => call(apiRoute.PATCH, "PATCH", `/api/v1/apis/${slug}`, { params: { slug }, body });
const get = (slug: string, token?: string) => call(apiRoute.GET, "GET", `/api/v1/apis/${slug}`, { params: { slug }, token });

describe("POST /api/v1/apis", () => {
  it("creates the API and its plans, stores the credential encrypted and never returns it", async () => {
    const body = apiBody({
      summary: "Forecasts",
      tags: ["weather"],
      upstreamAuthHeader: "X-Api-Key",
      upstreamCredential: "upstream-secret-123",
      plans: [
        { slug: "free", name: "Free", price: "0", rateLimit: 10, rateLimitWindowSec: 60, maxRequestBytes: 1024, requiresApproval: false },
        {
          slug: "pro",
          name: "Pro",
          price: "0.002",
          rateLimit: 600,
          rateLimitWindowSec: 60,
          maxRequestBytes: 1048576,
          requiresApproval: true,
          chargePolicy: "ALWAYS_CHARGE",
        },
      ],
    });
    const created = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: body.slug,
      status: "DRAFT",
      publishedAt: null,
      hasUpstreamCredential: true,
      upstreamAuthHeader: "X-Api-Key",
    });
    expect(JSON.stringify(created.body)).not.toContain("upstream-secret-123");
    expect(created.body).not.toHaveProperty("upstreamCredentialEncrypted");

    const row = await db.api.findUniqueOrThrow({ where: { slug: body.slug }, include: { plans: true } });
    expect(decryptSecret(row.upstreamCredentialEncrypted!)).toBe("upstream-secret-123");
    expect(row.plans.map((plan) => [plan.slug, plan.pricePerCall]).sort()).toEqual([
      ["free", 0n],
      ["pro", 2_000n],
    ]);
    expect(await db.auditLog.findFirst({ where: { targetId: row.id, action: "api.created" } })).toMatchObject({ actorType: "ADMIN_TOKEN" });

    const read = await get(body.slug);
    expect(read.status).toBe(200);
    expect(read.body.plans).toEqual([
      expect.objectContaining({ slug: "free", price: "0.000000", requiresApproval: false, chargePolicy: "REFUND_ON_UPSTREAM_FAILURE" }),
      expect.objectContaining({ slug: "pro", price: "0.002000", requiresApproval: true, chargePolicy: "ALWAYS_CHARGE" }),
    ]);
    expect(JSON.stringify(read.body)).not.toContain("upstream-secret");
  });

  it("answers 409 for a duplicate slug and leaves the first API alone", async () => {
    const body = apiBody();
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body })).status).toBe(201);
    const again = await call(apisRoute.POST, "POST", "/api/v1/apis", { body: { ...body, name: "Other" } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict", errors: { slug: "This slug is taken." } });
    expect(await db.api.findUniqueOrThrow({ where: { slug: body.slug } })).toMatchObject({ name: "Weather API" });
  });

  it("refuses an API without plans or with two plans of one slug (422), creating nothing", async () => {
    const none = apiBody({ plans: [] });
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body: none })).body.errors).toEqual({
      plans: "Give the API at least one plan.",
    });
    const plan = apiBody().plans[0];
    const twice = apiBody({ plans: [plan, plan] });
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body: twice })).body.errors).toEqual({
      "plans.1.slug": "Each plan needs its own slug.",
    });
    expect(await db.api.count({ where: { slug: { in: [none.slug, twice.slug] } } })).toBe(0);
  });
});

describe("PATCH /api/v1/apis/{slug}", () => {
  it("moves DRAFT -> PUBLISHED -> DEPRECATED -> RETIRED with timestamps, and refuses going back", async () => {
    const body = apiBody();
    await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    const published = await patch(body.slug, { status: "PUBLISHED" });
    expect(published.body).toMatchObject({ status: "PUBLISHED", publishedAt: expect.any(String), deprecatedAt: null });
    const sunsetAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const deprecated = await patch(body.slug, { status: "DEPRECATED", sunsetAt });
    expect(deprecated.body).toMatchObject({ status: "DEPRECATED", deprecatedAt: expect.any(String), sunsetAt });
    const retired = await patch(body.slug, { status: "RETIRED" });
    expect(retired.body).toMatchObject({ status: "RETIRED", retiredAt: expect.any(String) });

    const back = await patch(body.slug, { status: "PUBLISHED" });
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain("retirement is final");
    const entries = await db.auditLog.findMany({
      where: { metadata: { path: ["slug"], equals: body.slug } },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => entry.action)).toEqual(["api.created", "api.published", "api.deprecated", "api.retired"]);
    expect(entries[2]!.metadata).toMatchObject({ sunsetAt, status: { from: "PUBLISHED", to: "DEPRECATED" } });
  });

  it("refuses a sunset date in the past and one without a deprecation", async () => {
    const body = apiBody({ status: "PUBLISHED" });
    await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    const past = await patch(body.slug, { status: "DEPRECATED", sunsetAt: "2020-01-01T00:00:00Z" });
    expect(past).toMatchObject({ status: 422, body: { errors: { sunsetAt: "Choose a sunset date in the future." } } });
    const notDeprecated = await patch(body.slug, { sunsetAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(notDeprecated.status).toBe(422);
    expect((await db.api.findUniqueOrThrow({ where: { slug: body.slug } })).status).toBe("PUBLISHED");
  });

  it("refuses skipping from DRAFT to DEPRECATED", async () => {
    const body = apiBody();
    await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    const result = await patch(body.slug, { status: "DEPRECATED" });
    expect(result).toMatchObject({ status: 409, body: { code: "conflict" } });
  });

  it("updates plans by slug, adds new ones, and needs every field for a new plan", async () => {
    const body = apiBody();
    await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    const result = await patch(body.slug, {
      name: "Weather v2",
      upstreamCredential: "new-secret",
      plans: [
        { slug: "basic", price: "0.005", archived: true },
        { slug: "gold", name: "Gold", price: "1", rateLimit: 5, rateLimitWindowSec: 1, maxRequestBytes: 10, requiresApproval: true },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ name: "Weather v2", hasUpstreamCredential: true });
    expect(result.body.plans).toEqual([
      expect.objectContaining({ slug: "basic", price: "0.005000", archivedAt: expect.any(String) }),
      expect.objectContaining({ slug: "gold", price: "1.000000", requiresApproval: true, archivedAt: null }),
    ]);

    const incomplete = await patch(body.slug, { name: "Weather v3", plans: [{ slug: "silver", price: "1" }] });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors).toMatchObject({ "plans.0.name": expect.any(String), "plans.0.rateLimit": expect.any(String) });
    expect(await db.api.findUniqueOrThrow({ where: { slug: body.slug } })).toMatchObject({ name: "Weather v2" });
  });

  it("turns the relay-cookies switch on and off (off by default), shown to the admin only", async () => {
    const body = apiBody();
    const created = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    expect(created.body).toMatchObject({ relayCookies: false });
    expect((await patch(body.slug, { relayCookies: true })).body).toMatchObject({ relayCookies: true });
    expect(await db.api.findUniqueOrThrow({ where: { slug: body.slug } })).toMatchObject({ relayCookies: true });
    expect((await patch(body.slug, { relayCookies: "yes" })).status).toBe(422);
    expect((await patch(body.slug, { relayCookies: false })).body).toMatchObject({ relayCookies: false });
    const on = apiBody({ relayCookies: true });
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body: on })).body).toMatchObject({ relayCookies: true });
  });

  it("answers 404 for an unknown slug", async () => {
    expect((await patch("no-such-api", { name: "x" })).status).toBe(404);
  });
});

describe("refused input", () => {
  it("answers 422 with problems by JSON pointer for an invalid OpenAPI document, on create and on update, saving nothing", async () => {
    const openapi = { openapi: "3.1.0", info: { title: "Weather" }, paths: { "/forecast": { get: { responses: { "200": {} } } } } };
    const body = apiBody({ openapi });
    const created = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    expect(created.status).toBe(422);
    expect(created.body.errors).toMatchObject({
      openapi: expect.stringContaining("The OpenAPI document is invalid"),
      "openapi#/info": "At /info: is missing the required property `version`.",
      "openapi#/paths/~1forecast/get/responses/200": expect.stringContaining("`description`"),
    });
    expect(await db.api.count({ where: { slug: body.slug } })).toBe(0);

    const swagger = await call(apisRoute.POST, "POST", "/api/v1/apis", {
      body: apiBody({ openapi: { swagger: "2.0", info: { title: "x", version: "1" }, paths: {} } }),
    });
    expect(swagger.body.errors.openapi).toContain("Swagger 2.0");

    const valid = apiBody({ openapi: { ...openapi, info: { title: "Weather", version: "1" }, paths: {} } });
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body: valid })).status).toBe(201);
    const update = await patch(valid.slug, { name: "Renamed", openapi: { openapi: "3.0.3" } });
    expect(update.status).toBe(422);
    const row = await db.api.findUniqueOrThrow({ where: { slug: valid.slug } });
    expect(row).toMatchObject({ name: "Weather API", openapi: { info: { title: "Weather" } } });
  });

  it("refuses upstreams on private, loopback and link-local addresses unless allowed, also on update", async () => {
    process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    for (const url of ["http://10.0.0.5/api", "http://127.0.0.1:8080", "http://169.254.169.254/latest", "http://[::1]/"]) {
      const body = apiBody({ upstreamBaseUrl: url });
      const result = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
      expect(result.status, url).toBe(422);
      expect(result.body.errors.upstreamBaseUrl).toMatch(/private|loopback|link-local/);
      expect(await db.api.count({ where: { slug: body.slug } })).toBe(0);
    }
    const demoLike = apiBody({ upstreamBaseUrl: "http://localhost:3000/api/demo" });
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body: demoLike })).status).toBe(201);
    const moved = await patch(demoLike.slug, { upstreamBaseUrl: "http://192.168.1.10/" });
    expect(moved.body.errors).toMatchObject({ upstreamBaseUrl: expect.stringContaining("192.168.1.10") });
  });

  it("refuses a price above 100 per call", async () => {
    const body = apiBody({ plans: [{ ...apiBody().plans[0], price: "100.000001" }] });
    const result = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
    expect(result).toMatchObject({ status: 422, body: { errors: { "plans.0.price": "Use a price from 0 to 100 per call." } } });
    const top = apiBody({ plans: [{ ...apiBody().plans[0], price: "100" }] });
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body: top })).status).toBe(201);
  });
});

describe("GET /api/v1/apis as a team", () => {
  it("lists published and deprecated public APIs, hides drafts and upstream settings", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const published = await seedApi({ upstreamCredentialEncrypted: "v1.x.y.z" });
    const draft = await seedApi({ status: "DRAFT", publishedAt: null });
    const hidden = await seedApi({ visibility: "PRIVATE" });
    const deprecated = await seedApi({ status: "DEPRECATED", deprecatedAt: new Date() });
    const list = await call(apisRoute.GET, "GET", "/api/v1/apis", { token: key });
    const slugs = list.body.data.map((api: { slug: string }) => api.slug);
    expect(slugs).toContain(published.slug);
    expect(slugs).toContain(deprecated.slug);
    expect(slugs).not.toContain(draft.slug);
    expect(slugs).not.toContain(hidden.slug);
    const mine = list.body.data.find((api: { slug: string }) => api.slug === published.slug);
    expect(mine).not.toHaveProperty("upstreamBaseUrl");
    expect(mine).not.toHaveProperty("hasUpstreamCredential");
    expect(mine).not.toHaveProperty("relayCookies");

    expect((await get(draft.slug, key)).status).toBe(404);
    expect((await get(hidden.slug, key)).status).toBe(404);
    expect((await get(draft.slug)).status).toBe(200);
  });
});
