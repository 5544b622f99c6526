import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { listPublishedApis } from "@/lib/catalog/list-published-apis";
import { db } from "@/lib/db";
import { ApiCard } from "@/components/catalog/api-card";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Catalog" };

export default async function TeamCatalogPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const [apis, subscriptions] = await Promise.all([
    listPublishedApis(),
    db.subscription.findMany({ where: { teamId: ctx.team.id }, select: { apiId: true, status: true, plan: { select: { name: true } } } }),
  ]);
  const byApi = new Map(subscriptions.map((subscription) => [subscription.apiId, subscription]));
  return (
    <>
      <PageHeader title="Catalog" description="APIs published on this Tollgate, with this team's subscription status. Subscribing arrives with the gateway release." />
      {apis.length === 0 ? (
        <EmptyState title="No APIs are published yet">A platform admin publishes APIs from the admin console.</EmptyState>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {apis.map((api) => {
            const subscription = byApi.get(api.id);
            return (
              <ApiCard
                key={api.id}
                api={api}
                footer={
                  subscription ? (
                    <Badge tone={subscription.status === "ACTIVE" ? "green" : "amber"}>
                      {subscription.status.toLowerCase()} · {subscription.plan.name}
                    </Badge>
                  ) : (
                    <span className="text-xs text-slate-500">Not subscribed</span>
                  )
                }
              />
            );
          })}
        </div>
      )}
    </>
  );
}
