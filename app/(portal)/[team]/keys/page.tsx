import type { Metadata } from "next";
import { loadTeamPage } from "@/lib/auth/team-page";
import { currency } from "@/lib/money";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { lifetimeKeySpend } from "@/lib/keys/key-spend";
import { listTeamGrants } from "@/lib/oauth/team-grants";
import { apiNamesById, listSubscribedApis } from "@/lib/keys/list-scope-apis";
import { listMembers } from "@/lib/teams/members";
import { getKeyUsageMap } from "@/lib/usage/usage-breakdown";
import { hasRole } from "@/lib/teams/roles";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { CreateKeyForm } from "@/components/keys/create-key-form";
import { KeyTable } from "@/components/keys/key-table";
import { toKeyRowView } from "@/components/keys/key-row-view";
import { GrantTable } from "@/components/oauth/grant-table";
import { toGrantRowView } from "@/components/oauth/grant-row-view";
import { createKeyAction, revokeGrantAction, revokeKeyAction, rotateKeyAction, updateKeyAction } from "./actions";
import { API_FIELD_PREFIX } from "./key-form";

export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { user, ctx } = await loadTeamPage(slug);
  const now = new Date();
  const [keys, apis, members, usage, grants, lifetimeSpend] = await Promise.all([
    listApiKeys(ctx.team.id),
    listSubscribedApis(ctx.team.id),
    listMembers(ctx.team.id),
    getKeyUsageMap(ctx.team.id, { from: new Date(now.getTime() - 30 * 86_400_000), to: now }),
    listTeamGrants(ctx.team.id, now),
    lifetimeKeySpend(ctx.team.id),
  ]);
  const isAdmin = hasRole(ctx.role, "ADMIN");
  const rowContext = {
    viewerId: user.id,
    viewerIsAdmin: isAdmin,
    currency: currency(),
    apiNames: await apiNamesById(keys.flatMap((key) => key.scopeApiIds)),
    memberNames: new Map(members.map(({ user: member }) => [member.id, member.id === user.id ? "you" : (member.name ?? member.email)])),
    usage: new Map([...usage].map(([id, stats]) => [id, { calls: stats.requests, spend: stats.charged - stats.refunded }])),
    lifetimeSpend,
  };

  return (
    <>
      <PageHeader
        title="API keys"
        description="Team keys authenticate calls to the gateway. A key is shown once, when it is created or rotated. Rotating keeps the old key working for a grace period; revoking stops it within seconds."
      />
      <Card title="Create a key" className="mb-6">
        <CreateKeyForm
          action={createKeyAction}
          team={ctx.team.slug}
          apis={apis}
          apiFieldPrefix={API_FIELD_PREFIX}
          currency={rowContext.currency}
          canGrantManage={isAdmin}
        />
      </Card>
      {keys.length === 0 ? (
        <EmptyState title="This team has no API keys yet">
          Create one above, then send it in an <code>Authorization: Bearer …</code> header.
        </EmptyState>
      ) : (
        <Card
          title={`Keys (${keys.length})`}
          description={isAdmin ? undefined : "You can revoke and rotate the keys you created; ask an admin about the others."}
        >
          <KeyTable
            rows={keys.map((key) => toKeyRowView(key, rowContext))}
            team={ctx.team.slug}
            actions={{ revoke: revokeKeyAction, rotate: rotateKeyAction, update: updateKeyAction }}
          />
        </Card>
      )}
      {grants.length > 0 ? (
        <Card
          title={`MCP sign-ins (${grants.length})`}
          description="Agents a member allowed through MCP sign-in (OAuth). Each acts as a team key with the cap and expiry chosen then; revoking refuses its next tool call."
          className="mt-6"
        >
          <GrantTable
            rows={grants.map((grant) => toGrantRowView(grant, { ...rowContext, you: "you" }))}
            team={ctx.team.slug}
            revoke={revokeGrantAction}
          />
        </Card>
      ) : null}
    </>
  );
}
