// grant_type=authorization_code. The code is claimed first, in its own statement, so whatever follows
// (a wrong verifier, a wrong redirect URI) it is spent: a code works once, and a second presentation
// is a replay that revokes the grant the first one created (RFC 6749 §4.1.2, OAuth 2.1 §4.1.3).
// The grant is created here, with its hidden team key carrying the spend cap, expiry and API scope
// chosen on the consent page.
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { insertApiKey } from "@/lib/keys/insert-api-key";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { requiredParam, type OAuthParams } from "@/lib/oauth/form-params";
import { issueTokens, type TokenResponse } from "@/lib/oauth/issue-tokens";
import { pkceMatches } from "@/lib/oauth/pkce";
import { parseMcpResource } from "@/lib/oauth/resource";
import { revokeGrant } from "@/lib/oauth/revoke-grant";
import { hashOAuthSecret, isOAuthSecret } from "@/lib/oauth/token-format";

const badCode = () => new OAuthError("invalid_grant", "The authorization code is invalid, expired or already used.");

export async function exchangeCode(params: OAuthParams): Promise<TokenResponse> {
  const code = requiredParam(params, "code");
  const clientId = requiredParam(params, "client_id", 64);
  const verifier = requiredParam(params, "code_verifier", 128);
  if (!isOAuthSecret("code", code)) throw badCode();

  const codeHash = hashOAuthSecret(code);
  const now = new Date();
  const { count } = await db.oAuthAuthorizationCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: now } });
  const row = await db.oAuthAuthorizationCode.findUnique({ where: { codeHash }, include: { client: { select: { name: true } } } });
  if (!row) throw badCode();
  if (count === 0) {
    if (row.grantId) await revokeGrant(row.grantId, "code_replay");
    throw badCode();
  }
  if (row.clientId !== clientId) throw new OAuthError("invalid_grant", "The authorization code was issued to another client.");
  if (row.expiresAt <= now) throw badCode();
  const redirectUri = params.get("redirect_uri");
  if (redirectUri !== undefined && redirectUri !== row.redirectUri)
    throw new OAuthError("invalid_grant", "The redirect_uri differs from the authorization request's.");
  if (!pkceMatches(verifier, row.codeChallenge))
    throw new OAuthError("invalid_grant", "The code_verifier does not match the code_challenge.");
  const resource = params.get("resource");
  if (resource !== undefined && parseMcpResource(resource)?.url !== row.resource) {
    throw new OAuthError("invalid_target", "The resource differs from the one the user authorized.");
  }

  const membership = await db.membership.findUnique({
    where: { teamId_userId: { teamId: row.teamId, userId: row.userId } },
    select: { id: true },
  });
  if (!membership) throw new OAuthError("invalid_grant", "The user is no longer a member of the team they chose.");
  const apiSlug = parseMcpResource(row.resource)?.apiSlug ?? null;
  const api = apiSlug ? await db.api.findUnique({ where: { slug: apiSlug }, select: { id: true } }) : null;
  if (apiSlug && !api) throw new OAuthError("invalid_target", "That API no longer exists.");

  return db.$transaction(async (tx) => {
    const actor = { type: "USER" as const, userId: row.userId };
    const { row: key } = await insertApiKey(
      tx,
      row.teamId,
      "live",
      {
        name: `MCP: ${row.client.name}`.slice(0, 60),
        kind: "MCP_GRANT",
        scopeAllApis: !api,
        scopeApiIds: api ? [api.id] : [],
        scopeManage: false,
        expiresAt: row.grantExpiresAt,
        spendCap: row.spendCap,
      },
      actor,
    );
    const grant = await tx.oAuthGrant.create({
      data: { clientId: row.clientId, userId: row.userId, teamId: row.teamId, apiKeyId: key.id, resource: row.resource, scope: row.scope },
    });
    await tx.oAuthAuthorizationCode.update({ where: { id: row.id }, data: { grantId: grant.id } });
    await recordAudit(
      {
        actorType: "USER",
        actorUserId: row.userId,
        teamId: row.teamId,
        action: "oauth_grant.created",
        targetType: "oauth_grant",
        targetId: grant.id,
        metadata: { client: row.client.name, clientId: row.clientId, resource: row.resource, spendCap: row.spendCap?.toString() ?? null },
      },
      tx,
    );
    return issueTokens(tx, { id: grant.id, scope: grant.scope, expiresAt: row.grantExpiresAt }, now);
  });
}
