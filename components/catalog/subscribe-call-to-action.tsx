// The way from an API's page to a subscription: sign up when signed out, else the team catalog
// (where owners and admins pick a plan).
import { ButtonLink } from "@/components/ui/button";

export function SubscribeCallToAction({ signedIn, teamSlug, deprecated }: { signedIn: boolean; teamSlug?: string; deprecated: boolean }) {
  if (deprecated) return <p className="max-w-xs text-sm text-slate-600">This API takes no new subscriptions.</p>;
  if (!signedIn) return <ButtonLink href="/sign-up">Sign up to subscribe</ButtonLink>;
  if (!teamSlug) return <ButtonLink href="/teams">Create a team to subscribe</ButtonLink>;
  return <ButtonLink href={`/${teamSlug}/catalog`}>Subscribe</ButtonLink>;
}
