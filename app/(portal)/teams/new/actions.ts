"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { createTeam, teamNameSchema } from "@/lib/teams/create-team";

export const createTeamAction = userAction(z.object({ name: teamNameSchema }), async (user, { name }) => {
  const team = await createTeam(user.id, name);
  redirect(`/${team.slug}/members`);
});
