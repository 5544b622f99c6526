// Tells the platform admins that a team asks for credit (installations without Stripe top-ups): an
// in-app notice each, shown on /admin under "Credit requests", and an email. The notice's link opens
// the admin credit form filled in with the team, the amount and the note, so granting is one confirm away.
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("notifications");

export const CREDIT_REQUEST_NOTICE = "credit.requested";

export type CreditRequestNotice = {
  team: { slug: string; name: string };
  requestedBy: string;
  /** "25.00 USD" as people read it */
  amountText: string;
  /** the amount as the grant form takes it, "25" */
  amountDecimal: string;
  note: string;
};

/** The grant form, prefilled (app/(admin)/admin/credit reads `q`, `amount` and `reason`). */
export function grantLinkFor(request: Pick<CreditRequestNotice, "team" | "amountDecimal" | "requestedBy" | "note">): string {
  const reason = `Credit request from ${request.requestedBy}${request.note ? `: ${request.note}` : ""}`.slice(0, 500);
  const query = new URLSearchParams({ q: request.team.slug, amount: request.amountDecimal, reason });
  return `${appUrl()}/admin/credit?${query}`;
}

export async function notifyCreditRequest(request: CreditRequestNotice): Promise<number> {
  const title = `Credit requested: ${request.amountText} for ${request.team.name}`;
  const body = `${request.requestedBy} asks for ${request.amountText} of credit for ${request.team.name} (/${request.team.slug}).${
    request.note ? ` Note: “${request.note}”` : ""
  }`;
  const link = grantLinkFor(request);
  const admins = await db.user.findMany({ where: { isPlatformAdmin: true, disabledAt: null }, select: { id: true, email: true } });
  await db.notification.createMany({ data: admins.map((admin) => ({ userId: admin.id, kind: CREDIT_REQUEST_NOTICE, title, body, link })) });
  for (const admin of admins) {
    await sendEmail({ to: admin.email, subject: title, text: `${body}\n\nReview and grant it here:\n\n${link}\n` }).catch(
      (error: unknown) => log.error({ err: error }, "emailing a platform admin about a credit request failed; the in-app notice stands"),
    );
  }
  return admins.length;
}
