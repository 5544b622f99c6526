// Issue 15, point 13: the public catalog knows whether the signed-in user's team holds a subscription
// ("Subscribed" / pending) and links straight to the subscribe step for the API and plan chosen. Only a
// team the user belongs to is ever looked at.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findMemberTeamSubscription, subscribeStepPath } from "@/lib/subscriptions/member-team-subscription";
import { createTeamWithOwner, createUser } from "../factories";
import { seedApi } from "../support/management-factories";

describe("findMemberTeamSubscription", () => {
  it("finds an active or pending subscription of the user's team, with its plan; nothing for cancelled ones or other teams", async () => {
    const { team, owner } = await createTeamWithOwner();
    const api = await seedApi();
    const plan = await db.plan.findFirstOrThrow({ where: { apiId: api.id } });
    expect(await findMemberTeamSubscription(owner.id, team.slug, api.id)).toBeNull();

    const subscription = await db.subscription.create({ data: { teamId: team.id, apiId: api.id, planId: plan.id, status: "PENDING" } });
    expect(await findMemberTeamSubscription(owner.id, team.slug, api.id)).toEqual({
      status: "PENDING",
      planSlug: plan.slug,
      planName: plan.name,
    });
    await db.subscription.update({ where: { id: subscription.id }, data: { status: "ACTIVE" } });
    expect(await findMemberTeamSubscription(owner.id, team.slug, api.id)).toMatchObject({ status: "ACTIVE" });

    const stranger = await createUser();
    expect(await findMemberTeamSubscription(stranger.id, team.slug, api.id)).toBeNull();
    await db.subscription.update({ where: { id: subscription.id }, data: { status: "CANCELLED" } });
    expect(await findMemberTeamSubscription(owner.id, team.slug, api.id)).toBeNull();
  });

  it("links to the team catalog's subscribe step for the API, with the plan when one was chosen", () => {
    expect(subscribeStepPath("acme", "quotes")).toBe("/acme/catalog?subscribe=quotes#subscribe-quotes");
    expect(subscribeStepPath("acme", "quotes", "pro")).toBe("/acme/catalog?subscribe=quotes&plan=pro#subscribe-quotes");
  });
});
