// /api/v1/teams/{team}/subscriptions and the admin's /api/v1/subscriptions decisions over the route handlers.
import { describe, expect, it } from "vitest";
import * as subscriptionsRoute from "@/app/api/v1/teams/[team]/subscriptions/route";
import * as subscriptionRoute from "@/app/api/v1/teams/[team]/subscriptions/[api]/route";
import * as allRoute from "@/app/api/v1/subscriptions/route";
import * as approveRoute from "@/app/api/v1/subscriptions/[id]/approve/route";
import * as rejectRoute from "@/app/api/v1/subscriptions/[id]/reject/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { createTeamWithOwner } from "../factories";
import { call, createTeamKey, seedApi, type CallResult } from "../support/management-factories";
import { checkJsonSchema } from "../support/json-schema-check";

it("subscribes (pending vs active), lists and cancels through the API with a team key", async () => {
  const { team } = await createTeamWithOwner();
  const { key } = await createTeamKey(team.id);
  const open = await seedApi({}, [{ slug: "free", pricePerCall: 0n }]);
  const gated = await seedApi({}, [{ slug: "pro", pricePerCall: 2_000n, requiresApproval: true }]);
  const params = { team: team.slug };
  const subscribe = (body: unknown) => call(subscriptionsRoute.POST, "POST", "/x", { token: key, params, body });

  const active = await subscribe({ api: open.slug, plan: "free" });
  expect(active.status).toBe(201);
  expect(active.body).toMatchObject({
    teamId: team.id,
    status: "ACTIVE",
    api: { slug: open.slug },
    plan: { slug: "free", price: "0.000000" },
  });
  const pending = await subscribe({ api: gated.slug, plan: "pro" });
  expect(pending.body).toMatchObject({ status: "PENDING", plan: { price: "0.002000", requiresApproval: true } });
  expect((await subscribe({ api: gated.slug, plan: "pro" })).status).toBe(200);
  expect((await subscribe({ api: open.slug })).status).toBe(422);

  const list = await call(subscriptionsRoute.GET, "GET", "/x", { token: key, params });
  expect(list.body.data.map((s: { status: string }) => s.status).sort()).toEqual(["ACTIVE", "PENDING"]);

  const cancelled = await call(subscriptionRoute.DELETE, "DELETE", "/x", { token: key, params: { ...params, api: open.slug } });
  expect(cancelled.body).toMatchObject({ status: "CANCELLED", decidedAt: expect.any(String) });
  expect(
    (await call(subscriptionRoute.DELETE, "DELETE", "/x", { token: key, params: { ...params, api: "never-subscribed" } })).status,
  ).toBe(404);
});

describe("admin decisions: /api/v1/subscriptions", () => {
  const approve = (id: string, token?: string) => call(approveRoute.POST, "POST", "/x", { token, params: { id } });
  const reject = (id: string, body: unknown, token?: string) => call(rejectRoute.POST, "POST", "/x", { token, params: { id }, body });
  const list = (query = "", token?: string) => call(allRoute.GET, "GET", `/api/v1/subscriptions${query}`, { token });

  async function documented(result: CallResult, path: string, method: string) {
    const document = (await call(openapiRoute.GET, "GET", "/api/v1/openapi.json", { token: null })).body;
    const response = document.paths[path][method].responses[String(result.status)];
    expect(response, `${method} ${path} ${result.status} is documented`).toBeDefined();
    const [contentType] = result.headers.get("content-type")!.split(";");
    expect(checkJsonSchema(response.content[contentType!].schema, result.body, document)).toEqual([]);
  }

  async function requests() {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const api = await seedApi({}, [
      { slug: "free", pricePerCall: 0n },
      { slug: "pro", pricePerCall: 2_000n, requiresApproval: true },
    ]);
    const subscribe = (plan: string) =>
      call(subscriptionsRoute.POST, "POST", "/x", { token: key, params: { team: team.slug }, body: { api: api.slug, plan } });
    return { team, key, api, subscribe };
  }

  it("lists pending requests and plan changes, and approves or rejects them with the admin token only", async () => {
    const first = await requests();
    const pending = (await first.subscribe("pro")).body;
    const second = await requests();
    await second.subscribe("free");
    const change = (await second.subscribe("pro")).body;
    expect(change).toMatchObject({
      status: "ACTIVE",
      plan: { slug: "free" },
      pendingPlan: { slug: "pro", price: "0.002000" },
      requestedAt: expect.any(String),
    });

    // A team key may neither list nor decide.
    expect((await list("", first.key)).status).toBe(403);
    const forbidden = await approve(pending.id, first.key);
    expect([forbidden.status, forbidden.headers.get("content-type")]).toEqual([403, "application/problem+json"]);

    const listed = await list("?status=pending&limit=200");
    expect(listed.status).toBe(200);
    await documented(listed, "/api/v1/subscriptions", "get");
    const ids = listed.body.data.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([pending.id, change.id]));
    expect(listed.body.data.find((s: { id: string }) => s.id === pending.id)).toMatchObject({
      team: { slug: first.team.slug },
      status: "PENDING",
    });
    expect((await list("?status=bogus")).status).toBe(400);

    const approved = await approve(pending.id);
    expect(approved.body).toMatchObject({ id: pending.id, status: "ACTIVE", decidedAt: expect.any(String) });
    await documented(approved, "/api/v1/subscriptions/{id}/approve", "post");
    const again = await approve(pending.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict", detail: expect.stringContaining("already decided") });
    await documented(again, "/api/v1/subscriptions/{id}/approve", "post");
    expect((await approve("no-such-subscription")).status).toBe(404);

    const missingReason = await reject(change.id, {});
    expect(missingReason.status).toBe(422);
    expect(missingReason.body.errors).toHaveProperty("reason");
    expect((await reject(change.id, { reason: "" })).status).toBe(422);
    const rejected = await reject(change.id, { reason: "Pro needs a signed contract" });
    expect(rejected.body).toMatchObject({
      status: "ACTIVE",
      plan: { slug: "free" },
      pendingPlan: null,
      reason: "Pro needs a signed contract",
    });
    await documented(rejected, "/api/v1/subscriptions/{id}/reject", "post");

    const after = (await list("?status=pending&limit=200")).body.data.map((s: { id: string }) => s.id);
    expect(after).not.toContain(pending.id);
    expect(after).not.toContain(change.id);
    // Every active subscription of this worker's database, page by page: other files add their own.
    const admitted: string[] = [];
    for (let cursor: string | null = null, guard = 0; guard < 100; guard++) {
      const page: { data: { id: string }[]; nextCursor: string | null } = (
        await list(`?status=active&limit=200${cursor ? `&cursor=${cursor}` : ""}`)
      ).body;
      admitted.push(...page.data.map((s: { id: string }) => s.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(admitted).toEqual(expect.arrayContaining([pending.id, change.id]));
  });

  it("pages with limit and cursor", async () => {
    for (let i = 0; i < 3; i++) await (await requests()).subscribe("pro");
    const firstPage = await list("?limit=2");
    expect(firstPage.body.data).toHaveLength(2);
    expect(firstPage.body.nextCursor).toBe(firstPage.body.data[1].id);
    const next = await list(`?limit=2&cursor=${firstPage.body.nextCursor}`);
    expect(next.body.data[0].id > firstPage.body.data[1].id).toBe(true);
  });
});
