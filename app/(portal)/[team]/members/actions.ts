"use server";
// Member management. Every action re-checks the caller's membership and role on the server.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { changeMemberRole, removeMember } from "@/lib/teams/members";
import { inviteMember, invitationSchema, resendInvitation, revokeInvitation } from "@/lib/teams/invitations";

const byId = z.object({ id: z.string().min(1).max(64) });
const refresh = (slug: string) => revalidatePath(`/${slug}/members`);

export const inviteMemberAction = teamAction("ADMIN", invitationSchema, async (ctx, { email, role }) => {
  const link = await inviteMember(ctx, email, role);
  refresh(ctx.team.slug);
  return {
    message: link.emailed
      ? `Invitation emailed to ${email}.`
      : `Invitation created for ${email}. Email is not configured, so share this link with them:`,
    reveal: link.url,
  };
});

export const changeRoleAction = teamAction(
  "ADMIN",
  byId.extend({ role: z.enum(["OWNER", "ADMIN", "MEMBER"]) }),
  async (ctx, { id, role }) => {
    await changeMemberRole(ctx, id, role);
    refresh(ctx.team.slug);
    return { message: "Role updated." };
  },
);

export const removeMemberAction = teamAction("MEMBER", byId, async (ctx, { id }) => {
  await removeMember(ctx, id);
  refresh(ctx.team.slug);
  return { message: "Member removed." };
});

export const resendInvitationAction = teamAction("ADMIN", byId, async (ctx, { id }) => {
  const link = await resendInvitation(ctx, id);
  refresh(ctx.team.slug);
  return {
    message: link.emailed ? "A new invitation email is on its way." : "New link created (the old one no longer works):",
    reveal: link.url,
  };
});

export const revokeInvitationAction = teamAction("ADMIN", byId, async (ctx, { id }) => {
  await revokeInvitation(ctx, id);
  refresh(ctx.team.slug);
  return { message: "Invitation revoked." };
});
