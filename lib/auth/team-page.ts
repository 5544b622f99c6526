// For team pages and layouts: the signed-in user and their membership of the team in the URL.
// Anyone who is not a member gets the 404 page, whether the team exists or not.
import { cache } from "react";
import { notFound } from "next/navigation";
import type { TeamRole } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { requireUser } from "@/lib/auth/session";
import { requireTeamRole } from "@/lib/teams/team-access";

export const loadTeamPage = cache(async (slug: string, required: TeamRole = "MEMBER") => {
  const user = await requireUser(`/${slug}`);
  try {
    const ctx = await requireTeamRole(user.id, slug, required);
    return { user, ctx };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});
