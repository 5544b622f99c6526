"use server";
// "Mark as read" for the notices the team overview shows (subscription decisions, low credit):
// only the ids posted, so a notice that arrived after the page rendered stays unread. Notices go to
// owners and admins, so only they may clear them.
import { revalidatePath } from "next/cache";
import { teamAction } from "@/lib/auth/action";
import { markTeamNoticesRead } from "@/lib/notifications/notify-team-managers";
import { markedReadMessage, noticeIdsSchema } from "@/lib/notifications/notice-ids";

export const markNoticesReadAction = teamAction("ADMIN", noticeIdsSchema, async (ctx, { ids }) => {
  const count = await markTeamNoticesRead(ctx.team.id, ids);
  revalidatePath(`/${ctx.team.slug}`);
  return { message: markedReadMessage(count) };
});
