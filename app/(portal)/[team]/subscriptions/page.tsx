import type { Metadata } from "next";
import Link from "next/link";
import { loadTeamPage } from "@/lib/auth/team-page";
import { currency } from "@/lib/money";
import { listApis } from "@/lib/catalog/list-apis";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { hasRole } from "@/lib/teams/roles";
import { countActiveKeys } from "@/lib/teams/team-overview";
import { toSubscriptionRows } from "@/components/subscriptions/subscription-row-view";
import { SubscriptionsTable } from "@/components/subscriptions/subscriptions-table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { cancelSubscriptionAction, subscribeAction } from "../catalog/actions";

export const metadata: Metadata = { title: "Subscriptions" };

export default async function TeamSubscriptionsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  // The team's view of the catalog gives each row its plan options (never drafts or others' private APIs).
  const [subscriptions, apis, activeKeys] = await Promise.all([
    listSubscriptions(ctx.team.id),
    listApis({ kind: "team", teamId: ctx.team.id }),
    countActiveKeys(ctx.team.id),
  ]);
  const rows = toSubscriptionRows(subscriptions, apis, currency());
  const canManage = hasRole(ctx.role, "ADMIN");
  const waiting = subscriptions.filter((s) => s.status === "PENDING" || s.pendingPlanId).length;
  return (
    <>
      <PageHeader
        title="Subscriptions"
        description={
          <>
            The APIs this team subscribes to. Only active subscriptions admit calls through the gateway; plans that require approval wait
            for a platform admin, and a plan change waiting for approval keeps the current plan until then.{" "}
            {canManage
              ? "Owners and admins change plans and cancel here or in the catalog."
              : "Owners and admins of this team change plans and cancel."}
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No subscriptions yet">
          Pick an API and a plan in the{" "}
          <Link href={`/${slug}/catalog`} className="text-brand-600 hover:underline">
            catalog
          </Link>
          .
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="subscriptions-summary">
            {rows.length} {rows.length === 1 ? "subscription" : "subscriptions"}
            {waiting ? `, ${waiting} waiting for approval` : ""}.
          </p>
          <SubscriptionsTable
            team={slug}
            rows={rows}
            actions={canManage ? { subscribe: subscribeAction, cancel: cancelSubscriptionAction } : null}
            teamHasKeys={activeKeys > 0}
          />
        </>
      )}
    </>
  );
}
