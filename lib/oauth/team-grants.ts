// A team's MCP grants for its Keys page, and their revocation there. Owners and admins revoke any
// grant; a member revokes the grants they gave (the key rule: members manage what they created).
import { db } from "@/lib/db";
import { auditActor, type Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { notFound } from "@/lib/errors";
import { checkKeyAccess, keyAccessFor } from "@/lib/keys/key-access";
import { lifetimeKeySpend } from "@/lib/keys/key-spend";
import { revokeGrant } from "@/lib/oauth/revoke-grant";
import { parseMcpResource } from "@/lib/oauth/resource";

export type TeamGrantStatus = "active" | "expired" | "revoked";

export type TeamGrant = {
  id: string;
  clientName: string;
  userId: string;
  userLabel: string;
  /** null: every API of the team (/api/mcp) */
  apiSlug: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  spent: bigint;
  spendCap: bigint | null;
  expiresAt: Date | null;
  status: TeamGrantStatus;
  revokedReason: string | null;
};

const LIST_LIMIT = 200;

/** Active grants first, then the others, newest first within each. */
export async function listTeamGrants(teamId: string, now = new Date()): Promise<TeamGrant[]> {
  const [rows, lifetime] = await Promise.all([
    db.oAuthGrant.findMany({
      where: { teamId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIST_LIMIT,
      select: {
        id: true,
        userId: true,
        apiKeyId: true,
        resource: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
        revokedReason: true,
        client: { select: { name: true } },
        user: { select: { name: true, email: true } },
        apiKey: { select: { spent: true, spendCap: true, expiresAt: true, revokedAt: true } },
      },
    }),
    lifetimeKeySpend(teamId),
  ]);
  const grants = rows.map((row): TeamGrant => {
    const revoked = row.revokedAt !== null || row.apiKey.revokedAt !== null;
    const expired = row.apiKey.expiresAt !== null && row.apiKey.expiresAt <= now;
    return {
      id: row.id,
      clientName: row.client.name,
      userId: row.userId,
      userLabel: row.user.name ?? row.user.email,
      apiSlug: parseMcpResource(row.resource)?.apiSlug ?? null,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      // A capped key's running spend is exact (the gateway counts it with each charge); an uncapped
      // one's comes from the usage rollups, like the keys table's.
      spent: row.apiKey.spendCap !== null ? row.apiKey.spent : (lifetime.get(row.apiKeyId) ?? 0n),
      spendCap: row.apiKey.spendCap,
      expiresAt: row.apiKey.expiresAt,
      status: revoked ? "revoked" : expired ? "expired" : "active",
      revokedReason: row.revokedReason,
    };
  });
  return grants.sort((a, b) => Number(a.status !== "active") - Number(b.status !== "active"));
}

export async function revokeTeamGrant(teamId: string, grantId: string, actor: Actor): Promise<{ clientName: string }> {
  const access = await keyAccessFor(actor, teamId);
  const grant = await db.oAuthGrant.findFirst({
    where: { id: grantId, teamId },
    select: { id: true, userId: true, client: { select: { name: true } } },
  });
  if (!grant) throw notFound("MCP grant");
  checkKeyAccess(access, "manage_any", grant.userId);
  if (await revokeGrant(grant.id, "revoked_by_member")) {
    await recordAudit({
      ...auditActor(actor),
      teamId,
      action: "oauth_grant.revoked",
      targetType: "oauth_grant",
      targetId: grant.id,
      metadata: { client: grant.client.name },
    });
  }
  return { clientName: grant.client.name };
}
