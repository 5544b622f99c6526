"use server";
// Admin credit: requirePlatformAdmin (via adminAction) guards the action itself, and
// grantTeamCredit checks the admin flag again in the database before any credit moves.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/admin/admin-action";
import { grantTeamCredit, grantTeamCreditSchema } from "@/lib/admin/grant-team-credit";
import { currency, formatMoney } from "@/lib/money";

export const grantCreditAction = adminAction(grantTeamCreditSchema, async (admin, input) => {
  const { entry, replayed, team } = await grantTeamCredit(admin.id, input);
  revalidatePath("/admin/credit");
  const amount = formatMoney(entry.amount, currency());
  const balance = entry.balanceAfter === null ? "" : ` New balance: ${formatMoney(entry.balanceAfter, currency())}.`;
  const what = entry.kind === "GRANT" ? `Granted ${amount} to` : `Adjusted by ${amount}:`;
  return { message: `${replayed ? "Already applied. " : ""}${what} ${team.name} (/${team.slug}).${balance}` };
});
