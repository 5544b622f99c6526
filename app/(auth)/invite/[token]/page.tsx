import type { Metadata } from "next";
import { getCurrentUser } from "@/lib/auth/session";
import { findInvitationByToken } from "@/lib/teams/invitations";
import { ROLE_LABEL } from "@/lib/teams/roles";
import { ButtonLink } from "@/components/ui/button";
import { AcceptInvitationForm } from "./accept-form";
import { signOutAction } from "../../actions";

export const metadata: Metadata = { title: "Team invitation" };

const UNUSABLE: Record<string, string> = {
  unknown: "This invitation link is not valid. Check that you copied all of it.",
  expired: "This invitation has expired. Ask the team for a new one.",
  used: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask the team for a new one.",
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, invitation } = await findInvitationByToken(token);
  if (!invitation || state !== "valid") {
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">Invitation</h1>
        <p className="text-sm text-slate-700">{UNUSABLE[state]}</p>
      </>
    );
  }
  const returnTo = `/invite/${token}`;
  const user = await getCurrentUser();
  const inviter = invitation.invitedBy?.name ?? invitation.invitedBy?.email ?? "A team admin";
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Join {invitation.team.name}</h1>
      <p className="mb-6 text-sm text-slate-700">
        {inviter} invited <strong>{invitation.email}</strong> to join <strong>{invitation.team.name}</strong> as{" "}
        {ROLE_LABEL[invitation.role].toLowerCase()}.
      </p>
      {!user ? (
        <div className="flex flex-col gap-2">
          <ButtonLink href={`/sign-up?email=${encodeURIComponent(invitation.email)}&callbackUrl=${encodeURIComponent(returnTo)}`}>
            Create an account to accept
          </ButtonLink>
          <ButtonLink
            variant="secondary"
            href={`/sign-in?email=${encodeURIComponent(invitation.email)}&callbackUrl=${encodeURIComponent(returnTo)}`}
          >
            I already have an account
          </ButtonLink>
        </div>
      ) : user.email.toLowerCase() !== invitation.email.toLowerCase() ? (
        <div className="space-y-3 text-sm text-slate-700">
          <p role="alert">
            You are signed in as <strong>{user.email}</strong>, but this invitation is for <strong>{invitation.email}</strong>.
          </p>
          <form action={signOutAction}>
            <button className="font-medium text-brand-600 hover:underline" type="submit">
              Sign out and switch account
            </button>
          </form>
        </div>
      ) : (
        <AcceptInvitationForm token={token} />
      )}
    </>
  );
}
