// Subscription operations of the management API.
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { approveSubscription, rejectSchema, rejectSubscription } from "@/lib/subscriptions/decide-subscription";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";
import { listSubscriptionsByState } from "@/lib/subscriptions/list-subscriptions-by-state";
import { subscribeSchema, subscribeTeam } from "@/lib/subscriptions/subscribe-team";
import { defineOperation } from "@/lib/management/define-operation";
import {
  subscriptionListSchema,
  subscriptionPageSchema,
  subscriptionSchema,
  subscriptionStateQuerySchema,
  toSubscriptionResponse,
} from "@/lib/management/schemas/subscriptions";

export const listSubscriptionsOperation = defineOperation({
  operationId: "listSubscriptions",
  method: "GET",
  path: "/api/v1/teams/{team}/subscriptions",
  tag: "Subscriptions",
  summary: "List a team's subscriptions",
  description: "Every state (PENDING, ACTIVE, REJECTED, CANCELLED), newest first; a plan change waiting for approval is in `pendingPlan`.",
  access: "any",
  response: { status: 200, description: "The team's subscriptions in every state", schema: subscriptionListSchema },
  errors: ["not_found"],
  run: async ({ team }) => ({ data: (await listSubscriptions(team.id)).map(toSubscriptionResponse) }),
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
  run: async ({ team, caller, actor, body, requestId, respond }) => {
    const { subscription, outcome } = await subscribeTeam(team.id, body, actor, caller, requestId);
    const started = outcome === "created" || outcome === "resubscribed";
    return respond(toSubscriptionResponse(subscription), { status: started ? 201 : 200 });
  },
});

export const cancelSubscriptionOperation = defineOperation({
  operationId: "cancelSubscription",
  method: "DELETE",
  path: "/api/v1/teams/{team}/subscriptions/{api}",
  tag: "Subscriptions",
  summary: "Cancel a team's subscription to an API",
  description:
    "`{api}` is the API's slug. The subscription becomes CANCELLED, and a request or plan change still waiting for approval is withdrawn. Cancelling again returns the cancelled subscription unchanged.",
  access: "any",
  response: { status: 200, description: "The cancelled subscription", schema: subscriptionSchema },
  errors: ["not_found"],
  run: async ({ team, actor, params, requestId }) =>
    toSubscriptionResponse(await cancelSubscription(team.id, params.api, actor, requestId)),
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
  run: async ({ query }) => {
    const { status, ...page } = query;
    const { subscriptions, nextCursor } = await listSubscriptionsByState(status, page);
    return { data: subscriptions.map(toSubscriptionResponse), nextCursor };
  },
});

export const approveSubscriptionOperation = defineOperation({
  operationId: "approveSubscription",
  method: "POST",
  path: "/api/v1/subscriptions/{id}/approve",
  tag: "Approvals",
  summary: "Approve a pending subscription or plan change",
  description:
    "A PENDING subscription becomes ACTIVE; a pending plan change is applied. The team's owners and admins are notified. A request already decided answers 409.",
  access: "admin",
  response: { status: 200, description: "The subscription after the decision", schema: subscriptionSchema },
  errors: ["not_found", "conflict"],
  run: async ({ actor, params, requestId }) => toSubscriptionResponse(await approveSubscription(params.id, actor, requestId)),
});

export const rejectSubscriptionOperation = defineOperation({
  operationId: "rejectSubscription",
  method: "POST",
  path: "/api/v1/subscriptions/{id}/reject",
  tag: "Approvals",
  summary: "Reject a pending subscription or plan change, with a reason",
  description:
    "A PENDING subscription becomes REJECTED; a pending plan change is dropped and the subscription stays ACTIVE on its plan. The reason is shown to the team. A request already decided answers 409.",
  access: "admin",
  body: rejectSchema,
  response: { status: 200, description: "The subscription after the decision", schema: subscriptionSchema },
  errors: ["not_found", "conflict"],
  run: async ({ actor, body, params, requestId }) =>
    toSubscriptionResponse(await rejectSubscription(params.id, body.reason, actor, requestId)),
});
