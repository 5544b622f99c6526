"use server";
// "Mark as read" for the notices the team overview shows (subscription decisions, low credit):
// only the ids posted, so a notice that arrived after the page rendered stays unread. Notices go to
// owners and admins, so only they may clear them.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/auth/action";
import { markTeamNoticesRead } from "@/lib/notifications/notify-team-managers";

const idsSchema = z.object({
  ids: z
    .string()
    .max(2_000)
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(1, "Nothing to mark as read.")),
});

export const markNoticesReadAction = teamAction("ADMIN", idsSchema, async (ctx, { ids }) => {
  const count = await markTeamNoticesRead(ctx.team.id, ids);
  revalidatePath(`/${ctx.team.slug}`);
  return { message: count === 1 ? "Marked 1 notification as read." : `Marked ${count} notifications as read.` };
});
