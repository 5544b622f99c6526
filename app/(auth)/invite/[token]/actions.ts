"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { acceptInvitation } from "@/lib/teams/invitations";

export const acceptInvitationAction = userAction(z.object({ token: z.string().min(1) }), async (user, { token }) => {
  const team = await acceptInvitation(user.id, token);
  redirect(`/${team.slug}`);
});
