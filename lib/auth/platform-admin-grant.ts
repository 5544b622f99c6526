// Who becomes a platform admin by rule: an address listed in ADMIN_EMAILS, and the first account of
// an empty install. Both only once the address is verified (a link opened from the mailbox, or an
// OAuth provider that vouches for it), so signing up as someone else's listed address gives nothing.
// The grant runs when the address becomes verified (lib/auth/verified-email.ts).
import type { Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";

// Serialises the "is this the first account?" decision across concurrent verifications and instances.
const FIRST_ADMIN_LOCK = 7_340_001;

export function adminEmails(): string[] {
  return (process.env.ADMIN_EMAILS ?? "")
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Makes a verified user a platform admin when a rule says so:
 * - ADMIN_EMAILS lists the address;
 * - or it is the install's first account (no account was created before it) and there is no
 *   platform admin yet, so a first account verified late cannot claim an install others run.
 * Returns the rule that applied, or null.
 */
export async function grantPlatformAdminByRule(
  userId: string,
  tx: Prisma.TransactionClient,
): Promise<"ADMIN_EMAILS" | "first account" | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`;
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, emailVerified: true, isPlatformAdmin: true, createdAt: true },
  });
  if (!user.emailVerified || user.isPlatformAdmin) return null;

  let reason: "ADMIN_EMAILS" | "first account" | null = adminEmails().includes(user.email.toLowerCase()) ? "ADMIN_EMAILS" : null;
  if (!reason) {
    const earlier = await tx.user.count({
      where: { OR: [{ createdAt: { lt: user.createdAt } }, { createdAt: user.createdAt, id: { lt: userId } }] },
    });
    if (earlier === 0 && (await tx.user.count({ where: { isPlatformAdmin: true } })) === 0) reason = "first account";
  }
  if (!reason) return null;
  await tx.user.update({ where: { id: userId }, data: { isPlatformAdmin: true } });
  await recordAudit({ action: "user.made_platform_admin", targetType: "user", targetId: userId, metadata: { reason } }, tx);
  return reason;
}
