// lib/subscriptions/decide-subscription: a platform admin approves or rejects (with a reason) new
// requests and plan changes; exactly one of two concurrent decisions wins; the team's owners and
// admins are told, members are not; every decision is audit-logged.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { subscribeTeam } from "@/lib/subscriptions/subscribe-team";
import { approveSubscription, rejectSubscription } from "@/lib/subscriptions/decide-subscription";
import { listPendingApprovals } from "@/lib/subscriptions/list-pending-approvals";
import { addMember, createTeamWithOwner, createUser } from "../factories";
import { seedApi } from "../support/management-factories";

async function platformAdmin(): Promise<Actor & { type: "USER" }> {
  const user = await createUser();
  await db.user.update({ where: { id: user.id }, data: { isPlatformAdmin: true } });
  return { type: "USER", userId: user.id };
}

/** A team with an owner, an admin and a plain member, subscribed by its owner to a plan that needs approval. */
async function pendingRequest(
  plans: Parameters<typeof seedApi>[1] = [{ slug: "free" }, { slug: "pro", requiresApproval: true, pricePerCall: 5_000n }],
  plan = "pro",
) {
  const { team, owner } = await createTeamWithOwner();
  const admin = await addMember(team.id, "ADMIN");
  const member = await addMember(team.id, "MEMBER");
  const api = await seedApi({}, plans);
  const actor: Actor = { type: "USER", userId: owner.id };
  const viewer = { kind: "team" as const, teamId: team.id };
  const subscribe = (slug: string) => subscribeTeam(team.id, { api: api.slug, plan: slug }, actor, viewer);
  const { subscription } = await subscribe(plan);
  return { team, owner, admin: admin.user, member: member.user, api, subscription, subscribe };
}

const emailsTo = (to: string, subject: string) => db.emailOutbox.count({ where: { to, subject: { contains: subject } } });

describe("deciding a new request", () => {
  it("approves: PENDING becomes ACTIVE, decider and date recorded, audit entry, team told", async () => {
    const decider = await platformAdmin();
    const { team, owner, admin, member, api, subscription } = await pendingRequest();
    expect(subscription).toMatchObject({ status: "PENDING", requestedAt: expect.any(Date) });

    const approved = await approveSubscription(subscription.id, decider, "req_approve");
    expect(approved).toMatchObject({
      status: "ACTIVE",
      plan: { slug: "pro" },
      decidedById: decider.userId,
      decidedAt: expect.any(Date),
      reason: null,
    });
    expect(await db.auditLog.findFirst({ where: { targetId: subscription.id, action: "subscription.approved" } })).toMatchObject({
      actorType: "USER",
      actorUserId: decider.userId,
      teamId: team.id,
      requestId: "req_approve",
      metadata: { api: api.slug, plan: "pro", change: false, reason: null },
    });

    const notice = await db.notification.findFirstOrThrow({ where: { teamId: team.id, kind: "subscription.approved" } });
    expect(notice.link).toMatch(new RegExp(`/${team.slug}/subscriptions$`));
    expect(notice.body).toContain(api.name);
    // Email to the owners and admins, not to plain members.
    expect(await emailsTo(owner.email, `${api.name} approved`)).toBe(1);
    expect(await emailsTo(admin.email, `${api.name} approved`)).toBe(1);
    expect(await emailsTo(member.email, `${api.name} approved`)).toBe(0);
  });

  it("rejects with a reason the team sees; the reason is required and bounded", async () => {
    const decider = await platformAdmin();
    const { team, owner, member, api, subscription } = await pendingRequest();
    await expect(rejectSubscription(subscription.id, "   ", decider)).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: { reason: expect.any(String) },
    });
    await expect(rejectSubscription(subscription.id, "x".repeat(501), decider)).rejects.toMatchObject({ code: "validation_failed" });

    const rejected = await rejectSubscription(subscription.id, "  Partners only.  ", decider);
    expect(rejected).toMatchObject({ status: "REJECTED", reason: "Partners only.", decidedById: decider.userId });
    expect(await db.auditLog.findFirst({ where: { targetId: subscription.id, action: "subscription.rejected" } })).toMatchObject({
      metadata: { reason: "Partners only." },
    });
    const notice = await db.notification.findFirstOrThrow({ where: { teamId: team.id, kind: "subscription.rejected" } });
    expect(notice.body).toContain("Reason: Partners only.");
    expect(await emailsTo(owner.email, `${api.name} rejected`)).toBe(1);
    expect(await emailsTo(member.email, `${api.name} rejected`)).toBe(0);
  });

  it("lets the team subscribe again after a rejection", async () => {
    const decider = await platformAdmin();
    const { subscription, subscribe } = await pendingRequest();
    await rejectSubscription(subscription.id, "Not yet", decider);
    const again = await subscribe("pro");
    expect(again).toMatchObject({
      outcome: "resubscribed",
      subscription: { id: subscription.id, status: "PENDING", reason: null, decidedAt: null },
    });
    expect((await approveSubscription(subscription.id, decider)).status).toBe("ACTIVE");
    // And straight to an open plan after a rejection.
    const other = await pendingRequest();
    await rejectSubscription(other.subscription.id, "No", decider);
    expect((await other.subscribe("free")).subscription.status).toBe("ACTIVE");
  });

  it("refuses a decision on something that waits for nothing, and deciders who are not platform admins", async () => {
    const decider = await platformAdmin();
    const { owner, subscription } = await pendingRequest([{ slug: "free" }], "free");
    expect(subscription.status).toBe("ACTIVE");
    await expect(approveSubscription(subscription.id, decider)).rejects.toMatchObject({ code: "conflict" });
    await expect(approveSubscription("no-such-id", decider)).rejects.toMatchObject({ code: "not_found" });
    const waiting = await pendingRequest();
    await expect(approveSubscription(waiting.subscription.id, { type: "USER", userId: owner.id })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: waiting.subscription.id } })).status).toBe("PENDING");
    // The admin token decides too, without a deciding user.
    expect(await approveSubscription(waiting.subscription.id, { type: "ADMIN_TOKEN" })).toMatchObject({
      status: "ACTIVE",
      decidedById: null,
    });
  });
});

describe("deciding a plan change", () => {
  async function activeWithChange() {
    const request = await pendingRequest([{ slug: "free" }, { slug: "pro", requiresApproval: true, pricePerCall: 5_000n }], "free");
    const change = await request.subscribe("pro");
    expect(change).toMatchObject({
      outcome: "change_requested",
      subscription: { status: "ACTIVE", plan: { slug: "free" }, pendingPlan: { slug: "pro" } },
    });
    return request;
  }

  it("approving applies the requested plan", async () => {
    const decider = await platformAdmin();
    const { subscription } = await activeWithChange();
    const approved = await approveSubscription(subscription.id, decider);
    expect(approved).toMatchObject({ status: "ACTIVE", plan: { slug: "pro" }, pendingPlanId: null });
    expect(await db.auditLog.findFirst({ where: { targetId: subscription.id, action: "subscription.approved" } })).toMatchObject({
      metadata: { change: true, plan: "pro", previousPlan: "free" },
    });
  });

  it("rejecting keeps the subscription ACTIVE on its plan, with the reason", async () => {
    const decider = await platformAdmin();
    const { team, subscription } = await activeWithChange();
    const rejected = await rejectSubscription(subscription.id, "Pro needs a contract", decider);
    expect(rejected).toMatchObject({ status: "ACTIVE", plan: { slug: "free" }, pendingPlanId: null, reason: "Pro needs a contract" });
    const notice = await db.notification.findFirstOrThrow({ where: { teamId: team.id, kind: "subscription.rejected" } });
    expect(notice.body).toContain("stays on Plan 0");
  });
});

describe("two admins at once", () => {
  it("two concurrent approvals produce one decision; the other is told it was already decided", async () => {
    const [first, second] = [await platformAdmin(), await platformAdmin()];
    const { team, subscription } = await pendingRequest();
    const results = await Promise.allSettled([approveSubscription(subscription.id, first), approveSubscription(subscription.id, second)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "conflict", message: expect.stringContaining("already decided") });
    expect(await db.auditLog.count({ where: { targetId: subscription.id, action: "subscription.approved" } })).toBe(1);
    expect(await db.notification.count({ where: { teamId: team.id, kind: "subscription.approved" } })).toBe(1);
  });

  it("an approval racing a rejection: exactly one of them lands", async () => {
    const [first, second] = [await platformAdmin(), await platformAdmin()];
    const { subscription } = await pendingRequest();
    const results = await Promise.allSettled([
      approveSubscription(subscription.id, first),
      rejectSubscription(subscription.id, "No", second),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const row = await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    const decisions = await db.auditLog.findMany({
      where: { targetId: subscription.id, action: { in: ["subscription.approved", "subscription.rejected"] } },
    });
    expect(decisions).toHaveLength(1);
    expect(row.status).toBe(decisions[0]!.action === "subscription.approved" ? "ACTIVE" : "REJECTED");
  });
});

describe("telling the platform admins", () => {
  it("notifies every platform admin of a new request and a plan change, and lists both as pending with who asked", async () => {
    const watcher = await platformAdmin();
    const watcherEmail = (await db.user.findUniqueOrThrow({ where: { id: watcher.userId } })).email;
    const request = await pendingRequest();
    const change = await pendingRequest([{ slug: "free" }, { slug: "pro", requiresApproval: true }], "free");
    await change.subscribe("pro");

    const notices = await db.notification.findMany({ where: { userId: watcher.userId, kind: "subscription.requested" } });
    expect(notices.map((notice) => notice.body)).toEqual(
      expect.arrayContaining([expect.stringContaining(request.team.name), expect.stringContaining(`${change.team.name}`)]),
    );
    expect(notices.every((notice) => notice.link?.endsWith("/admin/approvals") && notice.teamId === null)).toBe(true);
    expect(await db.emailOutbox.count({ where: { to: watcherEmail, subject: { contains: request.team.name } } })).toBe(1);

    const { approvals, total } = await listPendingApprovals();
    expect(total).toBeGreaterThanOrEqual(2);
    const byId = new Map(approvals.map((approval) => [approval.id, approval]));
    expect(byId.get(request.subscription.id)).toMatchObject({
      status: "PENDING",
      pendingPlan: null,
      requestedBy: expect.stringContaining(request.owner.email),
    });
    expect(byId.get(change.subscription.id)).toMatchObject({ status: "ACTIVE", plan: { slug: "free" }, pendingPlan: { slug: "pro" } });
  });
});
