"use server";
// The account settings page: every action acts on the signed-in user only (userAction), and the
// rules live in lib/auth.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { clientFromHeaders } from "@/lib/http/client-address";
import { nameSchema, renameUser, unlinkProvider } from "@/lib/auth/account-profile";
import { changePassword, changePasswordSchema } from "@/lib/auth/account-password";
import { requestPasswordReset, RESET_TTL_MINUTES } from "@/lib/auth/password-reset";
import { cancelEmailChange, emailChangeSchema, requestEmailChange, EMAIL_CHANGE_TTL_HOURS } from "@/lib/auth/email-change";
import { resendVerificationEmail, VERIFICATION_TTL_HOURS } from "@/lib/auth/email-verification";
import { endUserSession, endUserSessions } from "@/lib/auth/sessions";
import { deleteAccount, deleteAccountSchema } from "@/lib/auth/account-deletion";

const clientIp = async () => clientFromHeaders(await headers()).ip;
const refresh = () => revalidatePath("/account");
const empty = z.object({});

export const renameAction = userAction(nameSchema, async (user, { name }) => {
  await renameUser(user.id, name);
  refresh();
  return { message: "Name saved.", values: { name } };
});

export const changePasswordAction = userAction(changePasswordSchema, async (user, input) => {
  const { endedSessions } = await changePassword(user, input);
  refresh();
  const others = endedSessions === 1 ? "1 other session was" : `${endedSessions} other sessions were`;
  return { message: `Password changed. ${others} signed out.` };
});

/** For accounts without a password (GitHub/Google only): the reset link sets one. */
export const sendSetPasswordLinkAction = userAction(empty, async (user) => {
  await requestPasswordReset(user.email, await clientIp(), (work) => after(work));
  return { message: `We sent a link to ${user.email} to set a password. It works for ${RESET_TTL_MINUTES} minutes.` };
});

export const requestEmailChangeAction = userAction(emailChangeSchema, async (user, input) => {
  await requestEmailChange(user.id, input);
  refresh();
  return {
    message: `We sent a link to ${input.newEmail}. Your address changes when you open it (within ${EMAIL_CHANGE_TTL_HOURS} hours).`,
    values: { newEmail: input.newEmail },
  };
});

export const cancelEmailChangeAction = userAction(empty, async (user) => {
  await cancelEmailChange(user.id);
  refresh();
  return { message: "The address change was cancelled; its link no longer works." };
});

export const resendMyVerificationAction = userAction(empty, async (user) => {
  if (user.emailVerified) return { message: "Your address is verified already." };
  await resendVerificationEmail(user.email, await clientIp());
  return { message: `A new link is on its way to ${user.email}. It expires in ${VERIFICATION_TTL_HOURS} hours.` };
});

export const endSessionAction = userAction(z.object({ id: z.string().min(1).max(64) }), async (user, { id }) => {
  if (id === user.sessionId) return { error: "This is the session you are using: use “Sign out” instead.", ok: false };
  const ended = await endUserSession(user.id, id);
  refresh();
  return ended ? { message: "That session was signed out." } : { message: "That session had ended already." };
});

export const signOutOtherSessionsAction = userAction(empty, async (user) => {
  const count = await endUserSessions(user.id, { exceptSessionId: user.sessionId });
  refresh();
  return { message: count === 1 ? "1 other session was signed out." : `${count} other sessions were signed out.` };
});

/** Every session of the account, this one included; this browser goes to the sign-in page. */
export const signOutEverywhereAction = userAction(empty, async (user) => {
  await endUserSessions(user.id);
  await signOut({ redirectTo: "/sign-in?notice=signed-out-everywhere" });
});

export const unlinkProviderAction = userAction(z.object({ provider: z.enum(["github", "google"]) }), async (user, { provider }) => {
  await unlinkProvider(user.id, provider);
  refresh();
  return { message: "Sign-in method removed." };
});

export const deleteAccountAction = userAction(deleteAccountSchema, async (user, input) => {
  await deleteAccount(user.id, input);
  // The session row went with the user; signing out also clears this browser's cookie.
  await signOut({ redirect: false });
  redirect("/sign-in?notice=account-deleted");
});
