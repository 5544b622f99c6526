"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { acceptInvitation } from "@/lib/teams/invitations";
import { requireVerifiedEmailFor } from "@/lib/auth/verified-email-gate";

export const acceptInvitationAction = userAction(z.object({ token: z.string().min(1) }), async (user, { token }) => {
  // REQUIRE_VERIFIED_EMAIL: lib/teams cannot import lib/auth (auth provisions teams), so the one door checks here.
  await requireVerifiedEmailFor({ type: "USER", userId: user.id }, "accept an invitation");
  const team = await acceptInvitation(user.id, token);
  redirect(`/${team.slug}`);
});
