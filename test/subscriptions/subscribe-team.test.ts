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
    expect(await db.auditLog.findFirst({ where: { targetId: a.subscription.id } })).toMatchObject({ action: "subscription.created", actorType: "API_KEY", actorKeyId: "key_test" });
    expect((await listSubscriptions(team.id)).map((s) => s.api.slug).sort()).toEqual([open.slug, gated.slug].sort());
  });

  it("changes plan on the same row, pending again when the new plan needs approval", async () => {
    const { team, actor, viewer } = await teamViewer();
    const api = await seedApi({}, [{ slug: "free" }, { slug: "pro", requiresApproval: true }, { slug: "team" }]);
    const first = await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    const same = await subscribeTeam(team.id, { api: api.slug, plan: "free" }, actor, viewer);
    expect(same.outcome).toBe("unchanged");
    const pro = await subscribeTeam(team.id, { api: api.slug, plan: "pro" }, actor, viewer);
    expect(pro).toMatchObject({ outcome: "plan_changed", subscription: { id: first.subscription.id, status: "PENDING", plan: { slug: "pro" } } });
    const back = await subscribeTeam(team.id, { api: api.slug, plan: "team" }, actor, viewer);
    expect(back.subscription).toMatchObject({ id: first.subscription.id, status: "ACTIVE" });
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(1);
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
    await expect(subscribeTeam(team.id, { api: deprecated.slug, plan: "plan-0" }, actor, viewer)).rejects.toMatchObject({ code: "conflict" });
    await expect(subscribeTeam(team.id, { api: draft.slug, plan: "plan-0" }, adminActor, admin)).rejects.toMatchObject({ code: "conflict" });
    await expect(subscribeTeam(team.id, { api: archived.slug, plan: "old" }, actor, viewer)).rejects.toMatchObject({ code: "validation_failed", fieldErrors: { plan: expect.stringContaining("archived") } });
    await expect(subscribeTeam(team.id, { api: archived.slug, plan: "nope" }, actor, viewer)).rejects.toMatchObject({ code: "validation_failed" });
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
