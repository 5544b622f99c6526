// Rows of the team's subscriptions page, formatted on the server. The plan options and the
// "closed" reason come from the team's view of the catalog; an API the team can no longer see
// (retired) keeps its row, with cancel as the only action.
import type { ApiWithPlans } from "@/lib/catalog/api-query";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { heldPlan, toCatalogItemView, toSubscriptionView } from "@/components/subscriptions/catalog-item-view";
import type { SubscriptionRow } from "@/components/subscriptions/subscriptions-table";

export function toSubscriptionRows(subscriptions: SubscriptionWithRefs[], apis: ApiWithPlans[], currency: string): SubscriptionRow[] {
  const byId = new Map(apis.map((api) => [api.id, api]));
  return subscriptions.map((subscription) => {
    const api = byId.get(subscription.apiId);
    const item = api
      ? toCatalogItemView(api, subscription, currency)
      : {
          subscription: toSubscriptionView(subscription),
          current: heldPlan(subscription),
          plans: [],
          closed: "This API takes no new subscriptions or plan changes.",
        };
    return { id: subscription.id, api: subscription.api, item, requestedAt: subscription.requestedAt, decidedAt: subscription.decidedAt };
  });
}
