// THE CONTRACT between lib/oauth (the authorization server) and lib/mcp (the MCP endpoint).
//
// How an OAuth grant is charged: every grant owns a hidden team API key row (api_keys.kind =
// MCP_GRANT, named "MCP: <client name>"). Nobody holds that key's secret; the grant's access tokens
// act as it. The consent page's spend cap and expiry are the key's `spendCap` and `expiresAt`, a
// grant for `/api/mcp/{api}` is a key scoped to that one API, spend is the key's `spent`, usage
// events carry the key's id, and revoking the grant revokes the key. So a tool call charges exactly
// like a gateway call with a team key:
//
//   const principal = await verifyMcpAccessToken(token, mcpResourceUrl(apiSlug));   // lib/oauth/resource.ts
//   if (!principal) → 401 with `WWW-Authenticate: ${mcpWwwAuthenticate(resource, "invalid_token")}`
//   handleGatewayRequest(request, client, { authenticatedKey: principal.key })
//
// With no Authorization header at all, answer 401 with `mcpWwwAuthenticate(resource)` (no error), so
// the client discovers the metadata and signs in. `looksLikeAccessToken(token)` (token-format.ts)
// tells an OAuth token (`tgo_at_…`) from a team key (`tg_live_…`) without a query.
//
// What verification checks, on every call (no cache, so a revocation refuses the next call): the
// token's shape, its hash in oauth_tokens (an access token, not revoked, not expired), its audience
// (the grant's resource must equal `resource` exactly: a token for /api/mcp/a is refused at
// /api/mcp/b and at /api/mcp), the grant (not revoked), the user (still a member of the grant's team,
// account not disabled: a user who left loses the grant, which is then revoked), and the hidden key
// (not revoked, not expired: the grant's expiry). Any failure is null, never a reason: the caller
// answers 401 invalid_token alike. The token itself is never logged.
import { db } from "@/lib/db";
import { checkKey, resolveApiKeyById, type ResolvedKey } from "@/lib/gateway/key-cache";
import { LAST_USED_WRITE_INTERVAL_MS } from "@/lib/oauth/lifetimes";
import { parseMcpResource } from "@/lib/oauth/resource";
import { revokeGrant } from "@/lib/oauth/revoke-grant";
import { hashOAuthSecret, isOAuthSecret } from "@/lib/oauth/token-format";

export type McpGrantPrincipal = {
  grantId: string;
  /** the OAuth client_id and the name it registered */
  clientId: string;
  clientName: string;
  userId: string;
  teamId: string;
  teamSlug: string;
  /** the canonical resource the token is bound to, and its API (null for /api/mcp) */
  resource: string;
  apiSlug: string | null;
  scopes: string[];
  /** the grant's hidden key: pass it as `authenticatedKey` to handleGatewayRequest */
  key: ResolvedKey;
  /** the spend cap chosen at consent (micro-units) and the grant's expiry; both live on the key */
  spendCap: bigint | null;
  grantExpiresAt: Date | null;
  /** when this access token expires (for the SDK's AuthInfo.expiresAt, in seconds) */
  tokenExpiresAt: Date;
};

export async function verifyMcpAccessToken(token: string, resource: string): Promise<McpGrantPrincipal | null> {
  if (!isOAuthSecret("access", token)) return null;
  const target = parseMcpResource(resource);
  if (!target) return null;
  const row = await db.oAuthToken.findUnique({
    where: { tokenHash: hashOAuthSecret(token) },
    select: {
      kind: true,
      expiresAt: true,
      revokedAt: true,
      grant: {
        select: {
          id: true,
          clientId: true,
          userId: true,
          teamId: true,
          apiKeyId: true,
          resource: true,
          scope: true,
          revokedAt: true,
          lastUsedAt: true,
          client: { select: { name: true } },
          user: { select: { disabledAt: true } },
        },
      },
    },
  });
  const now = new Date();
  if (!row || row.kind !== "ACCESS" || row.revokedAt || row.expiresAt <= now) return null;
  const grant = row.grant;
  if (grant.revokedAt || grant.resource !== target.url || grant.user.disabledAt) return null;

  const [membership, key] = await Promise.all([
    db.membership.findUnique({ where: { teamId_userId: { teamId: grant.teamId, userId: grant.userId } }, select: { id: true } }),
    resolveApiKeyById(grant.apiKeyId),
  ]);
  if (!membership) {
    await revokeGrant(grant.id, "member_left");
    return null;
  }
  const check = checkKey(key);
  if (!check.ok) return null;
  await touchGrant(grant.id, grant.lastUsedAt, now);
  return {
    grantId: grant.id,
    clientId: grant.clientId,
    clientName: grant.client.name,
    userId: grant.userId,
    teamId: grant.teamId,
    teamSlug: check.key.teamSlug,
    resource: target.url,
    apiSlug: target.apiSlug,
    scopes: grant.scope.split(" ").filter(Boolean),
    key: check.key,
    spendCap: check.key.spendCap,
    grantExpiresAt: check.key.expiresAt === null ? null : new Date(check.key.expiresAt),
    tokenExpiresAt: row.expiresAt,
  };
}

/** The Keys page's "last used": written at most once a minute, conditionally, so instances do not pile up writes. */
async function touchGrant(grantId: string, lastUsedAt: Date | null, now: Date) {
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_WRITE_INTERVAL_MS) return;
  const before = new Date(now.getTime() - LAST_USED_WRITE_INTERVAL_MS);
  await db.oAuthGrant.updateMany({
    where: { id: grantId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] },
    data: { lastUsedAt: now },
  });
}
