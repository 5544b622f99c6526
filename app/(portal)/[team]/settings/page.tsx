import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { hasRole } from "@/lib/teams/roles";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/form";
import { deleteTeamAction, leaveTeamAction, renameTeamAction } from "./actions";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const canManage = hasRole(ctx.role, "ADMIN");
  const hidden = { team: ctx.team.slug };
  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        <Card title="Team name" description={`The team's address stays /${ctx.team.slug}.`}>
          {canManage ? (
            <ActionForm action={renameTeamAction} hidden={hidden} className="flex max-w-md items-end gap-2">
              <Field label="Name" name="name" defaultValue={ctx.team.name} required minLength={2} maxLength={60} className="flex-1" />
              <Button type="submit" variant="secondary">
                Save
              </Button>
            </ActionForm>
          ) : (
            <p className="text-sm text-slate-600">{ctx.team.name} (only owners and admins can rename the team)</p>
          )}
        </Card>

        <Card title="Leave team" description="You lose access to its keys, usage and billing. The last owner cannot leave.">
          <ActionForm action={leaveTeamAction} hidden={hidden} confirm={`Leave ${ctx.team.name}?`}>
            <Button type="submit" variant="secondary">
              Leave {ctx.team.name}
            </Button>
          </ActionForm>
        </Card>

        {ctx.role === "OWNER" && !ctx.team.personal ? (
          <Card
            title="Delete team"
            description="Deletes the team, its keys, subscriptions and usage history. A team with remaining credit cannot be deleted."
          >
            <ActionForm action={deleteTeamAction} hidden={hidden} className="flex max-w-md items-end gap-2">
              <Field
                label={
                  <>
                    Type <code>{ctx.team.slug}</code> to confirm
                  </>
                }
                name="confirmSlug"
                autoComplete="off"
                className="flex-1"
              />
              <Button type="submit" variant="danger">
                Delete team
              </Button>
            </ActionForm>
          </Card>
        ) : null}
      </div>
    </>
  );
}
