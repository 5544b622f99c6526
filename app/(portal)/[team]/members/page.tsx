import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { listMembers } from "@/lib/teams/members";
import { listPendingInvitations } from "@/lib/teams/invitations";
import { hasRole, ROLE_LABEL, ROLES } from "@/lib/teams/roles";
import { ActionForm } from "@/components/ui/action-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { InviteForm } from "./invite-form";
import { changeRoleAction, removeMemberAction, resendInvitationAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { user, ctx } = await loadTeamPage(slug);
  const [members, invitations] = await Promise.all([listMembers(ctx.team.id), listPendingInvitations(ctx.team.id)]);
  const canManage = hasRole(ctx.role, "ADMIN");
  const isOwner = ctx.role === "OWNER";

  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone in this team shares its keys, subscriptions and credit. Owners and admins manage members."
      />
      {canManage ? (
        <Card title="Invite someone" className="mb-6">
          <InviteForm team={ctx.team.slug} canInviteOwner={isOwner} />
        </Card>
      ) : null}

      <Card title={`Members (${members.length})`}>
        <ul className="divide-y divide-slate-100" data-testid="member-list">
          {members.map((member) => {
            const self = member.user.id === user.id;
            const canEditThis = canManage && !self && (isOwner || member.role !== "OWNER");
            return (
              <li key={member.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="member-row">
                <div>
                  <p className="text-sm font-medium">
                    {member.user.name ?? member.user.email} {self ? <span className="text-slate-500">(you)</span> : null}
                  </p>
                  <p className="text-xs text-slate-500">
                    {member.user.email} · joined {dateFormat.format(member.createdAt)}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {canEditThis ? (
                    <ActionForm
                      action={changeRoleAction}
                      hidden={{ team: ctx.team.slug, id: member.id }}
                      className="flex items-center gap-2"
                    >
                      <label className="sr-only" htmlFor={`role-${member.id}`}>
                        Role of {member.user.email}
                      </label>
                      <select
                        id={`role-${member.id}`}
                        name="role"
                        defaultValue={member.role}
                        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                      >
                        {ROLES.filter((role) => isOwner || role !== "OWNER").map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABEL[role]}
                          </option>
                        ))}
                      </select>
                      <Button size="sm" variant="secondary" type="submit">
                        Save role
                      </Button>
                    </ActionForm>
                  ) : (
                    <Badge tone={member.role === "OWNER" ? "blue" : "slate"}>{ROLE_LABEL[member.role]}</Badge>
                  )}
                  {canEditThis ? (
                    <ActionForm
                      action={removeMemberAction}
                      hidden={{ team: ctx.team.slug, id: member.id }}
                      confirm={`Remove ${member.user.email} from ${ctx.team.name}?`}
                    >
                      <Button size="sm" variant="ghost" type="submit">
                        Remove
                      </Button>
                    </ActionForm>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </Card>

      {canManage && invitations.length > 0 ? (
        <Card title={`Pending invitations (${invitations.length})`} className="mt-6">
          <ul className="divide-y divide-slate-100" data-testid="invitation-list">
            {invitations.map((invitation) => {
              const expired = invitation.expiresAt < new Date();
              return (
                // Keyed by address: a resend replaces the invitation (new id), and the row must keep
                // its form state to show the new link.
                <li key={invitation.email} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="invitation-row">
                  <div>
                    <p className="text-sm font-medium">{invitation.email}</p>
                    <p className="text-xs text-slate-500">
                      {ROLE_LABEL[invitation.role]} · invited by {invitation.invitedBy?.email ?? "someone"} ·{" "}
                      {expired ? "expired" : `expires ${dateFormat.format(invitation.expiresAt)}`}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-start gap-2">
                    <ActionForm
                      action={resendInvitationAction}
                      hidden={{ team: ctx.team.slug, id: invitation.id }}
                      revealLabel="New invitation link"
                    >
                      <Button size="sm" variant="secondary" type="submit">
                        Resend
                      </Button>
                    </ActionForm>
                    <ActionForm
                      action={revokeInvitationAction}
                      hidden={{ team: ctx.team.slug, id: invitation.id }}
                      confirm={`Revoke the invitation for ${invitation.email}?`}
                    >
                      <Button size="sm" variant="ghost" type="submit">
                        Revoke
                      </Button>
                    </ActionForm>
                  </div>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
