// Tells the platform admins that a subscription waits for them: an in-app notification each and an
// email, both pointing at /admin/approvals. Sent after the request committed; a failure here is
// logged and never undoes the request (the approvals page lists it either way).
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import type { SubscriptionWithRefs } from "@/lib/subscriptions/subscription-query";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("subscriptions");

export async function notifyApprovalRequest(subscription: SubscriptionWithRefs): Promise<void> {
  const { team, api, plan, pendingPlan } = subscription;
  const change = pendingPlan ? `a change from ${plan.name} to ${pendingPlan.name}` : `the ${plan.name} plan`;
  const title = `Approval requested: ${team.name} on ${api.name}`;
  const body = `${team.name} (/${team.slug}) asks for ${change} of ${api.name}.`;
  const link = `${appUrl()}/admin/approvals`;
  try {
    const admins = await db.user.findMany({ where: { isPlatformAdmin: true, disabledAt: null }, select: { id: true, email: true } });
    await db.notification.createMany({
      data: admins.map((admin) => ({ userId: admin.id, kind: "subscription.requested", title, body, link })),
    });
    for (const admin of admins) await sendEmail({ to: admin.email, subject: title, text: `${body} Decide here:\n\n${link}\n` });
  } catch (error) {
    log.error({ subscriptionId: subscription.id, err: error }, "notifying the platform admins of an approval request failed");
  }
}
