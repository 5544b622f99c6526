// Whether a signed-in user's team holds a subscription to an API, for the public catalog's
// "Subscribe" / "Subscribed" (issue 15). The team must be one the user belongs to: the membership is
// part of the query, so another team's slug finds nothing.
import { db, type SubscriptionStatus } from "@/lib/db";

export type MemberTeamSubscription = { status: SubscriptionStatus; planSlug: string; planName: string };

export async function findMemberTeamSubscription(userId: string, teamSlug: string, apiId: string): Promise<MemberTeamSubscription | null> {
  const subscription = await db.subscription.findFirst({
    where: { apiId, status: { in: ["ACTIVE", "PENDING"] }, team: { slug: teamSlug, memberships: { some: { userId } } } },
    select: { status: true, plan: { select: { slug: true, name: true } } },
  });
  return subscription ? { status: subscription.status, planSlug: subscription.plan.slug, planName: subscription.plan.name } : null;
}

/** The team catalog, opened on this API's subscribe step with the plan chosen (app/(portal)/[team]/catalog reads both). */
export function subscribeStepPath(teamSlug: string, apiSlug: string, planSlug?: string): string {
  const query = new URLSearchParams({ subscribe: apiSlug, ...(planSlug ? { plan: planSlug } : {}) });
  return `/${teamSlug}/catalog?${query}#subscribe-${apiSlug}`;
}
