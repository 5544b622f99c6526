"use server";
// Admin user actions: requirePlatformAdmin (via adminAction) guards each action, and setUserStatus
// re-checks the admin in the database, under a lock, before anything changes.
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/admin/admin-action";
import { setUserStatus, userStatusSchema, type UserStatusChange } from "@/lib/admin/set-user-status";

const DONE: Record<UserStatusChange, string> = {
  disable: "disabled. They are signed out and cannot sign in",
  enable: "enabled. They can sign in again",
  grantAdmin: "is now a platform admin",
  revokeAdmin: "is no longer a platform admin",
};

const statusAction = (change: UserStatusChange) =>
  adminAction(userStatusSchema, async (admin, input) => {
    const user = await setUserStatus(admin.id, change, input);
    revalidatePath("/admin/users");
    return { message: `${user.email} ${DONE[change]}.` };
  });

export const disableUserAction = statusAction("disable");
export const enableUserAction = statusAction("enable");
export const grantAdminAction = statusAction("grantAdmin");
export const revokeAdminAction = statusAction("revokeAdmin");
