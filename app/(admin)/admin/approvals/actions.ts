"use server";
// Approve or reject a waiting subscription from the admin console. adminAction checks the session;
// decideSubscription checks the admin flag again in the database and makes the decision conditional,
// so a second admin deciding the same request gets "already decided".
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/admin/admin-action";
import { approveSubscription, decisionTargetSchema, rejectSchema, rejectSubscription } from "@/lib/subscriptions/decide-subscription";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";

const who = ({ team, api }: SubscriptionWithRefs) => `${team.name} on ${api.name}`;

export const approveAction = adminAction(decisionTargetSchema, async (admin, { id }) => {
  const subscription = await approveSubscription(id, { type: "USER", userId: admin.id });
  revalidatePath("/admin/approvals");
  return { message: `Approved ${who(subscription)}: now on ${subscription.plan.name}.` };
});

export const rejectAction = adminAction(decisionTargetSchema.extend(rejectSchema.shape), async (admin, { id, reason }) => {
  const subscription = await rejectSubscription(id, reason, { type: "USER", userId: admin.id });
  revalidatePath("/admin/approvals");
  return { message: `Rejected ${who(subscription)}. The team was told why.` };
});
