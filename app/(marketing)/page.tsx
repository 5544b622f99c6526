import { getCurrentUser } from "@/lib/auth/session";
import { ButtonLink } from "@/components/ui/button";

const POINTS = [
  ["Self-service", "Developers sign up, form teams, subscribe to APIs and create their own keys."],
  ["Metered gateway", "Every call is authenticated, rate-limited, priced and debited from prepaid credit in one atomic step."],
  ["A real 402", "When credit runs out, callers get 402 Payment Required with the balance, the price and where to top up."],
];

export default async function LandingPage() {
  // A signed-in visitor already has an account: the way in is the portal, not a sign-up.
  const signedIn = Boolean(await getCurrentUser());
  return (
    <div className="py-10">
      <h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-slate-900">
        The API portal and metered gateway you host yourself.
      </h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600">
        Publish APIs, let developers onboard themselves, and bill every call against prepaid credit — exactly, even under concurrency.
      </p>
      <div className="mt-8 flex gap-3">
        {signedIn ? <ButtonLink href="/teams">Open portal</ButtonLink> : <ButtonLink href="/sign-up">Create an account</ButtonLink>}
        <ButtonLink href="/catalog" variant="secondary">
          Browse the catalog
        </ButtonLink>
      </div>
      <div className="mt-16 grid gap-6 sm:grid-cols-3">
        {POINTS.map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </div>
        ))}
      </div>
    </div>
  );
}
