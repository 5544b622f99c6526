"use server";
// "Mark as read" for the platform admin's own notices on the overview (approval requests).
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/admin/admin-action";
import { markUserNoticesRead } from "@/lib/notifications/user-notices";
import { markedReadMessage, noticeIdsSchema } from "@/lib/notifications/notice-ids";

export const markAdminNoticesReadAction = adminAction(noticeIdsSchema, async (admin, { ids }) => {
  const count = await markUserNoticesRead(admin.id, ids);
  revalidatePath("/admin");
  return { message: markedReadMessage(count) };
});
