// What the gateway admits while a request waits: a new PENDING subscription is refused (403), a
// plan change waiting for approval keeps the old plan and its price, and each decision reaches the
// gateway's cache at once (invalidate("subscription")), not after its TTL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { subscribeTeam } from "@/lib/subscriptions/subscribe-team";
import { approveSubscription, rejectSubscription } from "@/lib/subscriptions/decide-subscription";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());

const decider: Actor = { type: "ADMIN_TOKEN" };

async function fixture(subscription: "ACTIVE" | null) {
  const gateway = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n, subscription });
  await db.plan.create({ data: { apiId: gateway.api.id, slug: "premium", name: "Premium", pricePerCall: 5_000n, requiresApproval: true } });
  const actor: Actor = { type: "USER", userId: gateway.owner.id };
  const subscribe = (plan: string) =>
    subscribeTeam(gateway.team.id, { api: gateway.slug, plan }, actor, { kind: "team", teamId: gateway.team.id });
  const charged = async () => {
    const response = await callGateway(gateway.slug, "/echo", { key: gateway.key });
    return response.status === 200 ? response.headers.get("x-credit-charged") : `${response.status} ${(await response.json()).code}`;
  };
  return { ...gateway, subscribe, charged };
}

it("keeps calls on the old plan while a plan change waits, then charges the new price once approved", async () => {
  const { subscribe, charged } = await fixture("ACTIVE");
  expect(await charged()).toBe("0.001000");
  const { subscription, outcome } = await subscribe("premium");
  expect(outcome).toBe("change_requested");
  expect(await charged()).toBe("0.001000");
  await approveSubscription(subscription.id, decider);
  expect(await charged()).toBe("0.005000");
});

it("a rejected plan change leaves the team on its plan, calls admitted throughout", async () => {
  const { subscribe, charged } = await fixture("ACTIVE");
  const { subscription } = await subscribe("premium");
  await rejectSubscription(subscription.id, "Premium is for partners", decider);
  expect(await charged()).toBe("0.001000");
});

it("refuses calls for a new request until it is approved", async () => {
  const { subscribe, charged } = await fixture(null);
  const { subscription } = await subscribe("premium");
  expect(subscription.status).toBe("PENDING");
  expect(await charged()).toBe("403 subscription_required");
  await approveSubscription(subscription.id, decider);
  expect(await charged()).toBe("0.005000");
});
