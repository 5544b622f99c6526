// The ids a "Mark all as read" form posts: only those shown, so a notice that arrived after the page
// rendered stays unread.
import { z } from "zod";

export const noticeIdsSchema = z.object({
  ids: z
    .string()
    .max(2_000)
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(1, "Nothing to mark as read.")),
});

export const markedReadMessage = (count: number) =>
  count === 1 ? "Marked 1 notification as read." : `Marked ${count} notifications as read.`;
