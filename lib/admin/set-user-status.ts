// Disable or enable an account, and grant or revoke platform admin, from the admin console. Each
// change needs a reason and is audit-logged with it in the same transaction.
//
// The platform must always keep an active admin: nobody disables or demotes themself, and the rows
// of all active admins are locked first, so two admins acting on each other at the same moment
// are serialised: the second finds it is no longer an admin and is refused. A disabled account
// loses access at once: lib/auth/session.ts re-reads the user on every request and
// lib/auth/credentials.ts refuses its sign-in.
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";

export const userStatusSchema = z.object({
  userId: z.string().trim().min(1, "Pick a user.").max(100, "Pick a user."),
  reason: z.string().trim().min(3, "Give a reason of at least 3 characters.").max(500, "Keep the reason under 500 characters."),
});
type UserStatusInput = z.infer<typeof userStatusSchema>;

export type UserStatusChange = "disable" | "enable" | "grantAdmin" | "revokeAdmin";

const AUDIT_ACTIONS: Record<UserStatusChange, string> = {
  disable: "user.disabled",
  enable: "user.enabled",
  grantAdmin: "user.platform_admin.granted",
  revokeAdmin: "user.platform_admin.revoked",
};

type Target = { id: string; email: string; isPlatformAdmin: boolean; disabledAt: Date | null };

const conflict = (message: string) => new AppError("conflict", message);

/** Refuses a change that makes no sense or would leave the platform without an active admin. */
function refusal(change: UserStatusChange, target: Target, adminId: string, activeAdmins: string[]): AppError | null {
  const self = target.id === adminId;
  const lastAdmin = activeAdmins.length <= 1 && activeAdmins.includes(target.id);
  switch (change) {
    case "disable":
      if (self) return forbidden("You cannot disable your own account.");
      if (target.disabledAt) return conflict(`${target.email} is already disabled.`);
      return lastAdmin ? forbidden("This is the last active platform admin; it cannot be disabled.") : null;
    case "enable":
      return target.disabledAt ? null : conflict(`${target.email} is already active.`);
    case "grantAdmin":
      if (target.isPlatformAdmin) return conflict(`${target.email} is already a platform admin.`);
      return target.disabledAt ? conflict("Enable this account before making it a platform admin.") : null;
    case "revokeAdmin":
      if (self) return forbidden("You cannot remove your own platform admin role.");
      if (!target.isPlatformAdmin) return conflict(`${target.email} is not a platform admin.`);
      return lastAdmin ? forbidden("This is the last active platform admin; the role cannot be removed.") : null;
  }
}

const CHANGES: Record<UserStatusChange, (now: Date) => Prisma.UserUpdateInput> = {
  disable: (now) => ({ disabledAt: now, sessionsValidAfter: now }),
  enable: () => ({ disabledAt: null }),
  grantAdmin: () => ({ isPlatformAdmin: true }),
  revokeAdmin: () => ({ isPlatformAdmin: false }),
};

export async function setUserStatus(
  adminId: string,
  change: UserStatusChange,
  input: UserStatusInput,
  requestId?: string,
): Promise<Target> {
  return db.$transaction(async (tx) => {
    // Lock every active admin's row: concurrent changes to admins run one after another.
    const admins = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM users WHERE "isPlatformAdmin" AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`;
    const activeAdmins = admins.map((admin) => admin.id);
    // Re-checked under the lock: an admin disabled or demoted a moment ago can no longer act.
    if (!activeAdmins.includes(adminId)) throw notFound();
    const target = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, email: true, isPlatformAdmin: true, disabledAt: true },
    });
    if (!target) throw notFound("That user");
    const refused = refusal(change, target, adminId, activeAdmins);
    if (refused) throw refused;
    const updated = await tx.user.update({
      where: { id: target.id },
      data: CHANGES[change](new Date()),
      select: { id: true, email: true, isPlatformAdmin: true, disabledAt: true },
    });
    await recordAudit(
      {
        actorUserId: adminId,
        action: AUDIT_ACTIONS[change],
        targetType: "user",
        targetId: target.id,
        metadata: { email: target.email, reason: input.reason },
        requestId,
      },
      tx,
    );
    return updated;
  });
}
