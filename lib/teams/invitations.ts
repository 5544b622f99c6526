// Invitations by email. The link carries a random token; only its SHA-256 is stored. Without SMTP
// the link is shown to the inviter and written to the server log (lib/email).
import { z } from "zod";
import { db, type TeamRole } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { sendEmail } from "@/lib/email/send-email";
import type { TeamContext } from "@/lib/teams/team-access";
import { hasRole } from "@/lib/teams/roles";

const INVITATION_TTL_DAYS = 7;

export const invitationSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  role: z.enum(["OWNER", "ADMIN", "MEMBER"]),
});

type InvitationLink = { invitationId: string; url: string; emailed: boolean };

/** Creates (or renews) the pending invitation for `email` and sends the link. */
export async function inviteMember(ctx: TeamContext, email: string, role: TeamRole): Promise<InvitationLink> {
  if (!hasRole(ctx.role, "ADMIN")) throw new AppError("forbidden", "Only team owners and admins can invite members.");
  if (role === "OWNER" && ctx.role !== "OWNER") throw new AppError("forbidden", "Only owners can invite another owner.");
  const alreadyMember = await db.membership.findFirst({ where: { teamId: ctx.team.id, user: { email } }, select: { id: true } });
  if (alreadyMember)
    throw new AppError("conflict", `${email} is already a member of this team.`, { email: "Already a member of this team." });

  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const invitation = await db.$transaction(async (tx) => {
    // One live invitation per address: an earlier pending one is replaced, its link stops working.
    await tx.invitation.updateMany({
      where: { teamId: ctx.team.id, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: { teamId: ctx.team.id, email, role, tokenHash: sha256Hex(token), expiresAt, invitedById: ctx.userId },
    });
    await recordAudit(
      {
        actorUserId: ctx.userId,
        teamId: ctx.team.id,
        action: "team.member.invited",
        targetType: "invitation",
        targetId: created.id,
        metadata: { email, role },
      },
      tx,
    );
    return created;
  });
  const url = `${appUrl()}/invite/${token}`;
  const { delivered } = await sendEmail({
    to: email,
    subject: `You are invited to ${ctx.team.name} on Tollgate`,
    text: `You have been invited to join the team "${ctx.team.name}" as ${role.toLowerCase()}.\n\nAccept the invitation: ${url}\n\nThe link expires in ${INVITATION_TTL_DAYS} days.`,
  });
  return { invitationId: invitation.id, url, emailed: delivered };
}

/** Issues a fresh link for a pending invitation (the old link stops working). */
export async function resendInvitation(ctx: TeamContext, invitationId: string): Promise<InvitationLink> {
  const invitation = await db.invitation.findFirst({ where: { id: invitationId, teamId: ctx.team.id, acceptedAt: null, revokedAt: null } });
  if (!invitation) throw notFound("That invitation");
  return inviteMember(ctx, invitation.email, invitation.role);
}

export async function revokeInvitation(ctx: TeamContext, invitationId: string) {
  if (!hasRole(ctx.role, "ADMIN")) throw new AppError("forbidden", "Only team owners and admins can revoke invitations.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, teamId: ctx.team.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("That invitation");
    await recordAudit(
      { actorUserId: ctx.userId, teamId: ctx.team.id, action: "team.invitation.revoked", targetType: "invitation", targetId: invitationId },
      tx,
    );
  });
}

export async function listPendingInvitations(teamId: string) {
  return db.invitation.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
    orderBy: { createdAt: "desc" },
  });
}

type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

export async function findInvitationByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" as const, invitation: null };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { team: { select: { id: true, slug: true, name: true } }, invitedBy: { select: { name: true, email: true } } },
  });
  if (!invitation) return { state: "unknown" as const, invitation: null };
  const state: InvitationState = invitation.acceptedAt
    ? "used"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt < new Date()
        ? "expired"
        : "valid";
  return { state, invitation };
}

/** Accepts an invitation for the signed-in user, whose email must be the invited one. */
export async function acceptInvitation(userId: string, token: string) {
  const { state, invitation } = await findInvitationByToken(token);
  if (!invitation) throw notFound("This invitation");
  if (state !== "valid")
    throw new AppError("conflict", `This invitation ${state === "used" ? "was already used" : `is ${state}`}. Ask the team for a new one.`);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    throw new AppError("forbidden", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
  }
  return db.$transaction(async (tx) => {
    // The conditional update makes a double click or a replay accept at most once.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (count === 0) throw new AppError("conflict", "This invitation was already used.");
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invitation.teamId, userId } } });
    if (!existing) await tx.membership.create({ data: { teamId: invitation.teamId, userId, role: invitation.role } });
    await recordAudit(
      {
        actorUserId: userId,
        teamId: invitation.teamId,
        action: "team.invitation.accepted",
        targetType: "invitation",
        targetId: invitation.id,
        metadata: { role: invitation.role },
      },
      tx,
    );
    return invitation.team;
  });
}
