// /account - the signed-in person's own settings: name, address (changed only once the new one is
// confirmed), password, sign-in methods, active sessions, and deleting the account.
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { oauthProviders } from "@/lib/auth/config";
import { listTeamsForUser } from "@/lib/teams/team-access";
import { requireVerifiedEmail } from "@/lib/env";
import { signInMethods } from "@/lib/auth/account-profile";
import { pendingEmailChange } from "@/lib/auth/email-change";
import { listUserSessions } from "@/lib/auth/sessions";
import { accountDeletionBlockers } from "@/lib/auth/account-deletion";
import { AppHeader } from "@/components/shell/app-header";
import { UnverifiedEmailBanner } from "@/components/account/unverified-email-banner";
import { PageHeader } from "@/components/ui/card";
import { signOutAction } from "@/app/(auth)/actions";
import { resendMyVerificationAction } from "./actions";
import { ProfileSection, EmailSection, PasswordSection } from "./identity-sections";
import { SignInMethodsSection, SessionsSection, DeleteAccountSection } from "./access-sections";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const [teams, methods, pending, sessions, blockers] = await Promise.all([
    listTeamsForUser(user.id),
    signInMethods(user.id),
    pendingEmailChange(user.id),
    listUserSessions(user.id),
    accountDeletionBlockers(user.id),
  ]);
  return (
    <>
      <AppHeader user={user} teams={teams} signOutAction={signOutAction} />
      {user.emailVerified ? null : (
        <UnverifiedEmailBanner email={user.email} required={requireVerifiedEmail()} resendAction={resendMyVerificationAction} />
      )}
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <PageHeader title="Account settings" description="Your own account: these settings follow you into every team." />
        <ProfileSection name={user.name ?? ""} />
        <EmailSection email={user.email} verified={user.emailVerified} hasPassword={methods.hasPassword} pending={pending} />
        <PasswordSection hasPassword={methods.hasPassword} email={user.email} />
        <SignInMethodsSection methods={methods} providers={oauthProviders} />
        <SessionsSection sessions={sessions} currentSessionId={user.sessionId} />
        <DeleteAccountSection email={user.email} hasPassword={methods.hasPassword} blockers={blockers} />
      </main>
    </>
  );
}
