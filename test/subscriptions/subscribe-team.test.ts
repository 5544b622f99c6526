// lib/subscriptions: who may subscribe to what, pending vs active, one row per team and API,
// plan changes, cancellation.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { subscribeTeam } from "@/lib/subscriptions/subscribe-team";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { createTeamWithOwner } from "../factories";
import { seedApi } from "../support/management-factories";

const admin = { kind: "admin" } as const;
const adminActor: Actor = { type: "ADMIN_TOKEN" };

async function teamViewer() {
  const { team } = await createTeamWithOwner();
  const actor: Actor = { type: "API_KEY", keyId: "key_test", teamId: team.id };
  return { team, actor, viewer: { kind: "team" as const, teamId: team.id } };
}

describe("subscribeTeam", () => {
  it("starts ACTIVE on an open plan and PENDING on a plan that needs approval", async () => {
    const { team, actor, viewer } = await teamViewer();
    const open = await seedApi({}, [{ slug: "free" }]);
    const gated = await seedApi({}, [{ slug: "pro", requiresApproval: true }]);
    const a = await subscribeTeam(team.id, { api: open.slug, plan: "free" }, actor, viewer);
    const b = await subscribeTeam(team.id, { api: gated.slug, plan: "pro" }, actor, viewer);
    expect([a.outcome, a.subscription.status]).toEqual(["created", "ACTIVE"]);
    expect([b.outcome, b.subscription.status]).toEqual(["created", "PENDING"]);
    expect(await db.auditLog.findFirst({ where: { targetId: a.subscription.id } })).toMatchObject({
      action: "subscription.created",
      actorType: "API_KEY",
      actorKeyId: "key_test",
    });
    expect((await listSubscriptions(team.id)).map((s) => s.api.slug).sort()).toEqual([open.slug, gated.slug].sort());
  });

  it("changes plan on the same row; a change to a plan that needs approval waits while the old plan stays active", async () => {
    const { team, actor, viewer } = await teamViewer();
    const api = await seedApi({}, [{ slug: "free" }, { slug: "pro", requiresApproval: true }, { slug: "team" }]);
    const first = await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    const same = await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    expect(same.outcome).toBe("unchanged");
    const pro = await subscribeTeam(team.id, { api: api.slug, plan: "pro" }, actor, viewer);
    expect(pro).toMatchObject({
      outcome: "change_requested",
      subscription: { id: first.subscription.id, status: "ACTIVE", plan: { slug: "free" }, pendingPlan: { slug: "pro" } },
    });
    expect(pro.subscription.requestedAt).toBeInstanceOf(Date);
    expect((await subscribeTeam(team.id, { api: api.slug, plan: "pro" }, actor, viewer)).outcome).toBe("unchanged");
    // Choosing the current plan again withdraws the waiting change.
    const withdrawn = await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    expect(withdrawn).toMatchObject({
      outcome: "change_withdrawn",
      subscription: { status: "ACTIVE", plan: { slug: "free" }, pendingPlan: null },
    });
    await subscribeTeam(team.id, { api: api.slug, plan: "pro" }, actor, viewer);
    // An open plan switches at once and drops the waiting change.
    const open = await subscribeTeam(team.id, { api: api.slug, plan: "team" }, actor, viewer);
    expect(open).toMatchObject({
      outcome: "plan_changed",
      subscription: { id: first.subscription.id, status: "ACTIVE", plan: { slug: "team" }, pendingPlan: null },
    });
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(1);
    const actions = (
      await db.auditLog.findMany({ where: { targetId: first.subscription.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    ).map((entry) => entry.action);
    expect(actions).toEqual([
      "subscription.created",
      "subscription.change_requested",
      "subscription.change_withdrawn",
      "subscription.change_requested",
      "subscription.plan_changed",
    ]);
  });

  it("replaces a request nobody decided yet, and applies at once when the new plan is open", async () => {
    const { team, actor, viewer } = await teamViewer();
    const api = await seedApi({}, [{ slug: "free" }, { slug: "pro", requiresApproval: true }, { slug: "gold", requiresApproval: true }]);
    await subscribeTeam(team.id, { api: api.slug, plan: "pro" }, actor, viewer);
    const gold = await subscribeTeam(team.id, { api: api.slug, plan: "gold" }, actor, viewer);
    expect(gold).toMatchObject({ outcome: "plan_changed", subscription: { status: "PENDING", plan: { slug: "gold" }, pendingPlan: null } });
    const free = await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    expect(free).toMatchObject({ outcome: "plan_changed", subscription: { status: "ACTIVE", plan: { slug: "free" }, requestedAt: null } });
  });

  it("cancelling withdraws a waiting plan change", async () => {
    const { team, actor, viewer } = await teamViewer();
    const api = await seedApi({}, [{ slug: "free" }, { slug: "pro", requiresApproval: true }]);
    await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    await subscribeTeam(team.id, { api: api.slug, plan: "pro" }, actor, viewer);
    expect(await cancelSubscription(team.id, api.slug, actor)).toMatchObject({ status: "CANCELLED", pendingPlanId: null });
  });

  it("reuses the row after a cancellation, and cancelling twice is harmless", async () => {
    const { team, actor, viewer } = await teamViewer();
    const api = await seedApi();
    const { subscription } = await subscribeTeam(team.id, { api: api.slug, plan: "plan-0" }, actor, viewer);
    expect((await cancelSubscription(team.id, api.slug, actor)).status).toBe("CANCELLED");
    expect((await cancelSubscription(team.id, api.slug, actor)).status).toBe("CANCELLED");
    expect(await db.auditLog.count({ where: { targetId: subscription.id, action: "subscription.cancelled" } })).toBe(1);
    const again = await subscribeTeam(team.id, { api: api.slug, plan: "plan-0" }, actor, viewer);
    expect(again).toMatchObject({ outcome: "resubscribed", subscription: { id: subscription.id, status: "ACTIVE", decidedAt: null } });
    await expect(cancelSubscription(team.id, "no-such-api", actor)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses drafts, deprecated and retired APIs, archived and unknown plans", async () => {
    const { team, actor, viewer } = await teamViewer();
    const draft = await seedApi({ status: "DRAFT", publishedAt: null });
    const deprecated = await seedApi({ status: "DEPRECATED" });
    const retired = await seedApi({ status: "RETIRED" });
    const archived = await seedApi({}, [{ slug: "old", archivedAt: new Date() }]);
    await expect(subscribeTeam(team.id, { api: draft.slug, plan: "plan-0" }, actor, viewer)).rejects.toMatchObject({ code: "not_found" });
    await expect(subscribeTeam(team.id, { api: retired.slug, plan: "plan-0" }, actor, viewer)).rejects.toMatchObject({ code: "not_found" });
    await expect(subscribeTeam(team.id, { api: deprecated.slug, plan: "plan-0" }, actor, viewer)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(subscribeTeam(team.id, { api: draft.slug, plan: "plan-0" }, adminActor, admin)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(subscribeTeam(team.id, { api: archived.slug, plan: "old" }, actor, viewer)).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { plan: expect.stringContaining("archived") },
    });
    await expect(subscribeTeam(team.id, { api: archived.slug, plan: "nope" }, actor, viewer)).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("lets only the admin subscribe a team to a private API", async () => {
    const { team, actor, viewer } = await teamViewer();
    const secret = await seedApi({ visibility: "PRIVATE" });
    await expect(subscribeTeam(team.id, { api: secret.slug, plan: "plan-0" }, actor, viewer)).rejects.toMatchObject({ code: "not_found" });
    const granted = await subscribeTeam(team.id, { api: secret.slug, plan: "plan-0" }, adminActor, admin);
    expect(granted.subscription.status).toBe("ACTIVE");
    await expect(subscribeTeam(team.id, { api: secret.slug, plan: "plan-0" }, actor, viewer)).rejects.toMatchObject({ code: "forbidden" });
  });
});
