// /api/v1/teams/{team}/subscriptions over the route handlers.
import { expect, it } from "vitest";
import * as subscriptionsRoute from "@/app/api/v1/teams/[team]/subscriptions/route";
import * as subscriptionRoute from "@/app/api/v1/teams/[team]/subscriptions/[api]/route";
import { createTeamWithOwner } from "../factories";
import { call, createTeamKey, seedApi } from "../support/management-factories";

it("subscribes (pending vs active), lists and cancels through the API with a team key", async () => {
  const { team } = await createTeamWithOwner();
  const { key } = await createTeamKey(team.id);
  const open = await seedApi({}, [{ slug: "free", pricePerCall: 0n }]);
  const gated = await seedApi({}, [{ slug: "pro", pricePerCall: 2_000n, requiresApproval: true }]);
  const params = { team: team.slug };
  const subscribe = (body: unknown) => call(subscriptionsRoute.POST, "POST", "/x", { token: key, params, body });

  const active = await subscribe({ api: open.slug, plan: "free" });
  expect(active.status).toBe(201);
  expect(active.body).toMatchObject({ teamId: team.id, status: "ACTIVE", api: { slug: open.slug }, plan: { slug: "free", price: "0.000000" } });
  const pending = await subscribe({ api: gated.slug, plan: "pro" });
  expect(pending.body).toMatchObject({ status: "PENDING", plan: { price: "0.002000", requiresApproval: true } });
  expect((await subscribe({ api: gated.slug, plan: "pro" })).status).toBe(200);
  expect((await subscribe({ api: open.slug })).status).toBe(422);

  const list = await call(subscriptionsRoute.GET, "GET", "/x", { token: key, params });
  expect(list.body.data.map((s: { status: string }) => s.status).sort()).toEqual(["ACTIVE", "PENDING"]);

  const cancelled = await call(subscriptionRoute.DELETE, "DELETE", "/x", { token: key, params: { ...params, api: open.slug } });
  expect(cancelled.body).toMatchObject({ status: "CANCELLED", decidedAt: expect.any(String) });
  expect((await call(subscriptionRoute.DELETE, "DELETE", "/x", { token: key, params: { ...params, api: "never-subscribed" } })).status).toBe(404);
});
