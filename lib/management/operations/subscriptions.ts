// Subscription operations of the management API.
import { subscribeSchema } from "@/lib/subscriptions/subscribe-team";
import { rejectSchema } from "@/lib/subscriptions/decide-subscription";
import { defineOperation } from "@/lib/management/define-operation";
import { subscriptionListSchema, subscriptionPageSchema, subscriptionSchema, subscriptionStateQuerySchema } from "@/lib/management/schemas/subscriptions";

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
    "The API must be published and the plan not archived; private APIs are subscribed by the platform admin only. Plans that require approval start PENDING. An ACTIVE subscription moving to a plan that requires approval stays ACTIVE on its plan, with the request in `pendingPlan`, until the platform admin decides. Answers 201 when a subscription starts (new or renewed) and 200 for a plan change or a repeat.",
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

export const listAllSubscriptionsOperation = defineOperation({
  operationId: "listAllSubscriptions",
  method: "GET",
  path: "/api/v1/subscriptions",
  tag: "Approvals",
  summary: "List subscriptions of every team by state (pending approvals by default)",
  description: "`status=pending` lists what waits for a decision: new PENDING subscriptions and ACTIVE ones with a `pendingPlan`.",
  access: "admin",
  query: subscriptionStateQuerySchema,
  response: { status: 200, description: "A page of subscriptions", schema: subscriptionPageSchema },
});

export const approveSubscriptionOperation = defineOperation({
  operationId: "approveSubscription",
  method: "POST",
  path: "/api/v1/subscriptions/{id}/approve",
  tag: "Approvals",
  summary: "Approve a pending subscription or plan change",
  description: "A PENDING subscription becomes ACTIVE; a pending plan change is applied. The team's owners and admins are notified. A request already decided answers 409.",
  access: "admin",
  response: { status: 200, description: "The subscription after the decision", schema: subscriptionSchema },
  errors: ["not_found", "conflict"],
});

export const rejectSubscriptionOperation = defineOperation({
  operationId: "rejectSubscription",
  method: "POST",
  path: "/api/v1/subscriptions/{id}/reject",
  tag: "Approvals",
  summary: "Reject a pending subscription or plan change, with a reason",
  description: "A PENDING subscription becomes REJECTED; a pending plan change is dropped and the subscription stays ACTIVE on its plan. The reason is shown to the team. A request already decided answers 409.",
  access: "admin",
  body: rejectSchema,
  response: { status: 200, description: "The subscription after the decision", schema: subscriptionSchema },
  errors: ["not_found", "conflict"],
});
