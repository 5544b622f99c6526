// The way from an API's page to a subscription: sign up when signed out; "Subscribed" (or pending)
// when the user's team holds one; otherwise straight to the subscribe step for this API in the team
// catalog (where owners and admins pick a plan).
import Link from "next/link";
import type { MemberTeamSubscription } from "@/lib/subscriptions/member-team-subscription";
import { subscribeStepPath } from "@/lib/subscriptions/member-team-subscription";
import { ButtonLink } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";

type Props = {
  apiSlug: string;
  signedIn: boolean;
  teamSlug?: string;
  deprecated: boolean;
  /** the subscription of the user's team (teamSlug), if it holds one */
  subscription?: MemberTeamSubscription | null;
};

export function SubscribeCallToAction({ apiSlug, signedIn, teamSlug, deprecated, subscription }: Props) {
  if (teamSlug && subscription) {
    return (
      <div className="flex flex-col items-end gap-1 text-sm" data-testid="subscription-state">
        <Badge tone={subscription.status === "ACTIVE" ? "green" : "amber"}>
          {subscription.status === "ACTIVE" ? "Subscribed" : "Subscription pending approval"}
        </Badge>
        <span className="text-slate-600">
          {subscription.planName} plan ·{" "}
          <Link href={subscribeStepPath(teamSlug, apiSlug)} className="text-brand-600 hover:underline">
            Manage
          </Link>
        </span>
      </div>
    );
  }
  if (deprecated) return <p className="max-w-xs text-sm text-slate-600">This API takes no new subscriptions.</p>;
  if (!signedIn) return <ButtonLink href="/sign-up">Sign up to subscribe</ButtonLink>;
  if (!teamSlug) return <ButtonLink href="/teams">Create a team to subscribe</ButtonLink>;
  return <ButtonLink href={subscribeStepPath(teamSlug, apiSlug)}>Subscribe</ButtonLink>;
}
