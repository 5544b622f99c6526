// Subscription operations of the management API.
import { subscribeSchema } from "@/lib/subscriptions/subscribe-team";
import { defineOperation } from "@/lib/management/define-operation";
import { subscriptionListSchema, subscriptionSchema } from "@/lib/management/schemas/subscriptions";

export const listSubscriptionsOperation = defineOperation({
  operationId: "listSubscriptions",
  method: "GET",
  path: "/api/v1/teams/{team}/subscriptions",
  tag: "Subscriptions",
  summary: "List a team's subscriptions",
  access: "any",
  response: { status: 200, description: "The team's subscriptions in every state", schema: subscriptionListSchema },
  errors: ["not_found"],
});

export const subscribeOperation = defineOperation({
  operationId: "subscribe",
  method: "POST",
  path: "/api/v1/teams/{team}/subscriptions",
  tag: "Subscriptions",
  summary: "Subscribe a team to an API plan, or change plan",
  description:
    "The API must be published and the plan not archived; private APIs are subscribed by the platform admin only. Plans that require approval start PENDING. Answers 201 when a subscription starts (new or renewed) and 200 for a plan change or a repeat.",
  access: "any",
  body: subscribeSchema,
  response: { status: 201, description: "The subscription", schema: subscriptionSchema },
  errors: ["not_found", "conflict"],
});

export const cancelSubscriptionOperation = defineOperation({
  operationId: "cancelSubscription",
  method: "DELETE",
  path: "/api/v1/teams/{team}/subscriptions/{api}",
  tag: "Subscriptions",
  summary: "Cancel a team's subscription to an API",
  access: "any",
  response: { status: 200, description: "The cancelled subscription", schema: subscriptionSchema },
  errors: ["not_found"],
});
