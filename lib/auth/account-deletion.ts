// Deleting one's own account. Teams must not be left without an owner or with money nobody can
// reach, so deletion is refused while the user is the last owner of a team that has a balance (credit
// or debt), or that has other members; the message names the team and what to do. A team where the
// user is the only member and that holds no money is deleted with the account (a personal team, most
// often). Sessions, memberships and sign-in links go with the user row; keys they created stay with
// their team, and the audit log keeps its entries without the author.
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { fieldError } from "@/lib/auth/account-password";
import { currency, formatMoney } from "@/lib/money";
import { invalidate } from "@/lib/cache/invalidate";
import { recordAudit } from "@/lib/audit/record-audit";
import { verifyPassword } from "@/lib/auth/password";

type SoleOwnedTeam = { id: string; slug: string; name: string; balance: bigint; otherMembers: number };

export type DeletionBlocker = { team: { slug: string; name: string }; reason: "balance" | "members"; message: string };

/** Teams the user owns with nobody else as owner, with what else holds them. */
async function soleOwnedTeams(userId: string, tx: Prisma.TransactionClient, lock = false): Promise<SoleOwnedTeam[]> {
  // FOR UPDATE in the deleting transaction, so no credit or member arrives between the check and the delete.
  const rows = await tx.$queryRawUnsafe<SoleOwnedTeam[]>(
    `SELECT t.id, t.slug, t.name, t.balance,
            (SELECT count(*)::int FROM memberships o WHERE o."teamId" = t.id AND o."userId" <> $1) AS "otherMembers"
     FROM teams t JOIN memberships m ON m."teamId" = t.id AND m."userId" = $1 AND m.role = 'OWNER'
     WHERE NOT EXISTS (SELECT 1 FROM memberships o WHERE o."teamId" = t.id AND o."userId" <> $1 AND o.role = 'OWNER')
     ORDER BY t.name${lock ? " FOR UPDATE OF t" : ""}`,
    userId,
  );
  return rows;
}

function blockerFor(team: SoleOwnedTeam): DeletionBlocker | null {
  const where = { slug: team.slug, name: team.name };
  if (team.balance !== 0n) {
    const amount = formatMoney(team.balance, currency());
    const holding = team.balance > 0n ? `has ${amount} of credit` : `owes ${amount.replace("−", "")}`;
    const handOver =
      team.otherMembers > 0
        ? `make another member an owner on the team's Members page`
        : `invite someone to the team and make them an owner`;
    return {
      team: where,
      reason: "balance",
      message: `You are the last owner of “${team.name}”, which ${holding}. To delete your account, first ${handOver}, or ask a platform admin to settle the team's balance.`,
    };
  }
  if (team.otherMembers > 0) {
    return {
      team: where,
      reason: "members",
      message: `You are the last owner of “${team.name}”, which has other members. Make one of them an owner on the team's Members page, or delete the team in its settings, then delete your account.`,
    };
  }
  return null;
}

/** What stops the user from deleting the account now (empty: nothing), for the settings page. */
export async function accountDeletionBlockers(userId: string): Promise<DeletionBlocker[]> {
  return (await soleOwnedTeams(userId, db)).map(blockerFor).filter((blocker) => blocker !== null);
}

export const deleteAccountSchema = z.object({
  confirmEmail: z.string().trim().toLowerCase().max(254),
  currentPassword: z.string().max(200).optional().default(""),
});

/** Deletes the account and the teams only it held; refused (409) while a blocker stands. */
export async function deleteAccount(userId: string, input: z.infer<typeof deleteAccountSchema>): Promise<{ deletedTeams: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (input.confirmEmail !== user.email) throw fieldError("confirmEmail", `Type ${user.email} to confirm.`);
  if (user.passwordHash && !(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw fieldError("currentPassword", input.currentPassword ? "This is not your current password." : "Enter your current password.");

  const { deletedTeams, keyHashes } = await db.$transaction(async (tx) => {
    const teams = await soleOwnedTeams(userId, tx, true);
    const blocker = teams.map(blockerFor).find((found) => found !== null);
    if (blocker) throw new AppError("conflict", blocker.message);
    const keyHashes = (await tx.apiKey.findMany({ where: { teamId: { in: teams.map((team) => team.id) } }, select: { hash: true } })).map(
      (key) => key.hash,
    );
    for (const team of teams) {
      await recordAudit(
        {
          actorUserId: userId,
          action: "team.deleted",
          targetType: "team",
          targetId: team.id,
          metadata: { slug: team.slug, with: "account" },
        },
        tx,
      );
      await tx.team.delete({ where: { id: team.id } });
    }
    await recordAudit({ actorUserId: null, action: "user.deleted", targetType: "user", targetId: userId, metadata: { by: "self" } }, tx);
    await tx.user.delete({ where: { id: userId } });
    return { deletedTeams: teams.map((team) => team.slug), keyHashes };
  });
  // The deleted teams' keys must stop working on every instance now, not when their cache entry ages out.
  for (const hash of keyHashes) invalidate("api-key", hash);
  return { deletedTeams };
}
