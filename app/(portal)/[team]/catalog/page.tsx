import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { currency } from "@/lib/money";
import { listApis } from "@/lib/catalog/list-apis";
import { listApiModels } from "@/lib/ai/registry/list-api-models";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { countActiveKeys } from "@/lib/teams/team-overview";
import { hasRole } from "@/lib/teams/roles";
import { ApiCard } from "@/components/catalog/api-card";
import { toCatalogItemView } from "@/components/subscriptions/catalog-item-view";
import { SubscriptionForm } from "@/components/subscriptions/subscription-form";
import { SubscriptionStatus } from "@/components/subscriptions/subscription-status";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { cancelSubscriptionAction, subscribeAction } from "./actions";

export const metadata: Metadata = { title: "Catalog" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TeamCatalogPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  // From the public catalog's Subscribe (lib/subscriptions/member-team-subscription.ts): this API first, the plan chosen.
  const { subscribe, plan } = await searchParams;
  const chosenApi = typeof subscribe === "string" ? subscribe : null;
  const chosenPlan = typeof plan === "string" ? plan : null;
  const { ctx } = await loadTeamPage(slug);
  // The team's view: public APIs, plus private ones it holds; never drafts, even for the platform admin.
  const [apis, subscriptions, activeKeys] = await Promise.all([
    listApis({ kind: "team", teamId: ctx.team.id }),
    listSubscriptions(ctx.team.id),
    countActiveKeys(ctx.team.id),
  ]);
  const byApi = new Map(subscriptions.map((subscription) => [subscription.apiId, subscription]));
  // AI APIs are priced by their models' tokens, not per call: the card shows the models and prices.
  const models = await listApiModels(apis.map((api) => api.id));
  const ordered = chosenApi ? [...apis].sort((a, b) => Number(b.slug === chosenApi) - Number(a.slug === chosenApi)) : apis;
  const items = ordered.map((api) => ({
    ...toCatalogItemView(api, byApi.get(api.id), currency()),
    // Only public APIs have a page in the public catalog (with the reference and the try-it console).
    href: api.visibility === "PUBLIC" ? `/catalog/${api.slug}` : undefined,
  }));
  const canSubscribe = hasRole(ctx.role, "ADMIN");
  return (
    <>
      <PageHeader
        title="Catalog"
        description="APIs on this Tollgate and this team's subscriptions. Subscribe to a plan, then call the API with a team key: REST APIs through the gateway at the plan's price per call, AI APIs at /api/ai/v1 by the tokens used."
      />
      {items.length === 0 ? (
        <EmptyState title="No APIs are published yet">A platform admin publishes APIs from the admin console.</EmptyState>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((item) => (
            <ApiCard
              key={item.entry.id}
              id={`subscribe-${item.entry.slug}`}
              highlighted={item.entry.slug === chosenApi}
              api={item.entry}
              href={item.href}
              models={models.get(item.entry.id)}
              footer={
                <div className="space-y-3">
                  <SubscriptionStatus subscription={item.subscription} />
                  {canSubscribe ? (
                    <SubscriptionForm
                      team={ctx.team.slug}
                      api={{ slug: item.entry.slug, name: item.entry.name }}
                      plans={item.plans}
                      current={item.current}
                      closed={item.closed}
                      actions={{ subscribe: subscribeAction, cancel: cancelSubscriptionAction }}
                      teamHasKeys={activeKeys > 0}
                      chosenPlan={item.entry.slug === chosenApi ? chosenPlan : null}
                    />
                  ) : (
                    <p className="text-xs text-slate-500">Owners and admins of this team subscribe and change plans.</p>
                  )}
                </div>
              }
            />
          ))}
        </div>
      )}
    </>
  );
}
