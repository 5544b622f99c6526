import { loadTeamPage } from "@/lib/auth/team-page";
import { listTeamsForUser } from "@/lib/teams/team-access";
import { AppHeader } from "@/components/shell/app-header";
import { signOutAction } from "@/app/(auth)/actions";
import { TeamNav } from "@/components/shell/team-nav";
import { UnverifiedEmailBanner } from "@/components/account/unverified-email-banner";
import { requireVerifiedEmail } from "@/lib/env";
import { resendMyVerificationAction } from "@/app/(portal)/account/actions";

export default async function TeamLayout({ children, params }: { children: React.ReactNode; params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { user, ctx } = await loadTeamPage(slug);
  const teams = await listTeamsForUser(user.id);
  return (
    <>
      <AppHeader user={user} teams={teams} currentSlug={ctx.team.slug} signOutAction={signOutAction} />
      {user.emailVerified ? null : (
        <UnverifiedEmailBanner email={user.email} required={requireVerifiedEmail()} resendAction={resendMyVerificationAction} />
      )}
      <div className="mx-auto max-w-6xl px-4">
        <div className="pt-6">
          <p className="text-xs uppercase tracking-wide text-slate-500">Team</p>
          <p className="text-lg font-semibold" data-testid="team-name">
            {ctx.team.name}
          </p>
        </div>
        <TeamNav slug={ctx.team.slug} />
        <main className="py-8">{children}</main>
      </div>
    </>
  );
}
