// The portal's server actions with a signed-in user (the session is the one thing stubbed: Auth.js
// needs a request): only owners and admins of the posted team subscribe, change plan, cancel and
// clear notices; a plain member is refused and nothing changes. The database is real.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { addMember, createTeamWithOwner } from "../factories";
import { seedApi } from "../support/management-factories";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { subscribeAction, cancelSubscriptionAction } = await import("@/app/(portal)/[team]/catalog/actions");
const { markNoticesReadAction } = await import("@/app/(portal)/[team]/subscriptions/actions");

const signIn = (user: { id: string; email: string }) =>
  void (session.user = { id: user.id, email: user.email, name: null, isPlatformAdmin: false });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

beforeEach(() => void (session.user = null));

describe("subscription actions", () => {
  it("members cannot subscribe, change plan or cancel; owners and admins can", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { user: admin } = await addMember(team.id, "ADMIN");
    const { user: member } = await addMember(team.id, "MEMBER");
    const api = await seedApi({}, [{ slug: "free" }, { slug: "pro", requiresApproval: true }]);
    const post = (action: typeof subscribeAction, plan?: string) =>
      action({}, form({ team: team.slug, api: api.slug, ...(plan ? { plan } : {}) }));

    signIn(member);
    expect(await post(subscribeAction, "free")).toMatchObject({ ok: false, error: "Only team admins and owners can do this." });
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(0);

    signIn(owner);
    expect(await post(subscribeAction, "free")).toMatchObject({ ok: true, message: `Subscribed to ${api.name} on Plan 0.` });
    signIn(admin);
    expect(await post(subscribeAction, "pro")).toMatchObject({
      ok: true,
      message: `Requested a change of ${api.name} to Plan 1. The team stays on Plan 0 until a platform admin approves it.`,
    });

    signIn(member);
    expect(await post(cancelSubscriptionAction)).toMatchObject({ ok: false, error: "Only team admins and owners can do this." });
    expect(await post(subscribeAction, "free")).toMatchObject({ ok: false });
    expect(await db.subscription.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({
      status: "ACTIVE",
      pendingPlanId: expect.any(String),
    });

    signIn(owner);
    expect(await post(cancelSubscriptionAction)).toMatchObject({ ok: true });
    expect(await db.subscription.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({
      status: "CANCELLED",
      pendingPlanId: null,
    });
  });

  it("a non-member posting another team's slug gets not found", async () => {
    const { team } = await createTeamWithOwner();
    const { owner: stranger } = await createTeamWithOwner();
    const api = await seedApi();
    signIn(stranger);
    expect(await subscribeAction({}, form({ team: team.slug, api: api.slug, plan: "plan-0" }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("does not exist"),
    });
  });
});

describe("notices", () => {
  it("owners and admins mark the shown notices read; members cannot, and another team's ids match nothing", async () => {
    const { team, owner } = await createTeamWithOwner();
    const { team: other } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    const mine = await db.notification.create({ data: { teamId: team.id, kind: "subscription.approved", title: "t", body: "b" } });
    const theirs = await db.notification.create({ data: { teamId: other.id, kind: "subscription.approved", title: "t", body: "b" } });
    const ids = `${mine.id},${theirs.id}`;

    signIn(member);
    expect(await markNoticesReadAction({}, form({ team: team.slug, ids }))).toMatchObject({ ok: false });
    signIn(owner);
    expect(await markNoticesReadAction({}, form({ team: team.slug, ids }))).toMatchObject({
      ok: true,
      message: "Marked 1 notification as read.",
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeInstanceOf(Date);
    expect((await db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });
});
