"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { teamNameSchema } from "@/lib/teams/create-team";
import { deleteTeam, renameTeam } from "@/lib/teams/update-team";
import { leaveTeam } from "@/lib/teams/members";

export const renameTeamAction = teamAction("ADMIN", z.object({ name: teamNameSchema }), async (ctx, { name }) => {
  await renameTeam(ctx, name);
  revalidatePath(`/${ctx.team.slug}`, "layout");
  return { message: "Team renamed." };
});

export const leaveTeamAction = teamAction("MEMBER", z.object({}), async (ctx) => {
  await leaveTeam(ctx);
  redirect("/teams");
});

export const deleteTeamAction = teamAction("OWNER", z.object({ confirmSlug: z.string() }), async (ctx, { confirmSlug }) => {
  if (confirmSlug !== ctx.team.slug) {
    return { ok: false, error: `Type ${ctx.team.slug} to confirm.`, fieldErrors: { confirmSlug: `Type ${ctx.team.slug} to confirm.` } };
  }
  await deleteTeam(ctx);
  redirect("/teams");
});
