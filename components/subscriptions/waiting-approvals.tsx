// On the team overview: the team's requests still waiting for a platform admin (new subscriptions
// and plan changes), with when they were asked.
import Link from "next/link";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { Card } from "@/components/ui/card";
import { utcDateTime } from "@/components/ledger/ledger-labels";

export function WaitingApprovals({ team, subscriptions }: { team: string; subscriptions: SubscriptionWithRefs[] }) {
  return (
    <Card title="Waiting for approval" description={subscriptions.length ? `${subscriptions.length} pending` : undefined}>
      {subscriptions.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing is waiting for approval. See all of the team&apos;s{" "}
          <Link href={`/${team}/subscriptions`} className="text-brand-600 hover:underline">
            subscriptions
          </Link>
          .
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="Requests waiting for approval">
          {subscriptions.map((subscription) => (
            <li key={subscription.id} className="flex flex-wrap justify-between gap-2 py-2" data-testid="waiting-approval">
              <span>
                <span className="font-medium">{subscription.api.name}</span>:{" "}
                {subscription.pendingPlan
                  ? `change from ${subscription.plan.name} to ${subscription.pendingPlan.name}`
                  : `${subscription.plan.name} plan`}
              </span>
              <span className="text-slate-500">
                {subscription.requestedAt ? `asked ${utcDateTime.format(subscription.requestedAt)} UTC` : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
