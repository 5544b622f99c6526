// grant_type=refresh_token with rotation: each refresh token works once and is replaced by a new
// one. A refresh token presented again after its use is a sign that it leaked (the attacker or the
// client got there first), so the whole grant is revoked: every token it issued and its hidden key
// (OAuth 2.1 §4.3.1, the Security BCP's refresh token replay detection).
import { db } from "@/lib/db";
import { checkKey, resolveApiKeyById } from "@/lib/gateway/key-cache";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { requiredParam, type OAuthParams } from "@/lib/oauth/form-params";
import { issueTokens, type TokenResponse } from "@/lib/oauth/issue-tokens";
import { parseMcpResource } from "@/lib/oauth/resource";
import { revokeGrant } from "@/lib/oauth/revoke-grant";
import { hashOAuthSecret, isOAuthSecret } from "@/lib/oauth/token-format";

const badToken = () => new OAuthError("invalid_grant", "The refresh token is invalid, expired, revoked or already used.");

export async function refreshTokens(params: OAuthParams): Promise<TokenResponse> {
  const token = requiredParam(params, "refresh_token");
  const clientId = requiredParam(params, "client_id", 64);
  if (!isOAuthSecret("refresh", token)) throw badToken();
  const tokenHash = hashOAuthSecret(token);
  const row = await db.oAuthToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      kind: true,
      grant: {
        select: { id: true, clientId: true, userId: true, teamId: true, apiKeyId: true, resource: true, scope: true, revokedAt: true },
      },
    },
  });
  // Another client's token is refused without being spent: only its own client may rotate it.
  if (!row || row.kind !== "REFRESH" || row.grant.clientId !== clientId) throw badToken();
  const grant = row.grant;

  const now = new Date();
  const { count } = await db.oAuthToken.updateMany({
    where: { id: row.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 0) {
    const spent = await db.oAuthToken.findUniqueOrThrow({ where: { id: row.id }, select: { usedAt: true } });
    if (spent.usedAt) await revokeGrant(grant.id, "refresh_token_reuse");
    throw badToken();
  }
  if (grant.revokedAt) throw badToken();
  const resource = params.get("resource");
  if (resource !== undefined && parseMcpResource(resource)?.url !== grant.resource) {
    throw new OAuthError("invalid_target", "The resource differs from the one the grant is for.");
  }
  const [membership, key] = await Promise.all([
    db.membership.findUnique({ where: { teamId_userId: { teamId: grant.teamId, userId: grant.userId } }, select: { id: true } }),
    resolveApiKeyById(grant.apiKeyId),
  ]);
  if (!membership) {
    await revokeGrant(grant.id, "member_left");
    throw badToken();
  }
  const check = checkKey(key);
  if (!check.ok) throw new OAuthError("invalid_grant", "The grant has expired or was revoked. Sign in again.");
  const expiresAt = check.key.expiresAt === null ? null : new Date(check.key.expiresAt);
  return db.$transaction((tx) => issueTokens(tx, { id: grant.id, scope: grant.scope, expiresAt }, now));
}
