// Credit granted or adjusted from the admin console: the form names the team by slug and carries an
// idempotency key made when the form was rendered, so a double submit credits once. The balance
// change, ledger row and audit entry are grantCredit's (one transaction).
import { z } from "zod";
import { db } from "@/lib/db";
import { grantCredit, grantCreditSchema, type GrantResult } from "@/lib/billing/grant-credit";
import { signedDecimalToMicros } from "@/lib/billing/money-schemas";
import { invalid } from "@/lib/validation";
import { requirePlatformAdminUser } from "@/lib/admin/require-platform-admin";

const target = z.object({
  team: z.string().trim().min(1, "Pick a team.").max(100, "Pick a team."),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "This form has expired. Reload the page and try again."),
});

export const grantTeamCreditSchema = z.intersection(target, grantCreditSchema);
type GrantTeamCredit = z.infer<typeof grantTeamCreditSchema>;

type GrantTeamCreditResult = GrantResult & { team: { id: string; slug: string; name: string } };

export async function grantTeamCredit(adminUserId: string, input: GrantTeamCredit, requestId?: string): Promise<GrantTeamCreditResult> {
  const admin = await requirePlatformAdminUser(adminUserId);
  const team = await db.team.findUnique({ where: { slug: input.team }, select: { id: true, slug: true, name: true } });
  if (!team) throw invalid({ team: "No team has this slug. Search for it again." });
  const amount = signedDecimalToMicros(input.amount);
  const result = await grantCredit(
    team.id,
    { amount, kind: input.kind, reason: input.reason, idempotencyKey: input.idempotencyKey },
    { type: "USER", userId: admin.id },
    requestId,
  );
  return { ...result, team };
}
