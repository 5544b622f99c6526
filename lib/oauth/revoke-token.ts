// Token revocation (RFC 7009). Always 200, whether the token existed or not, so the endpoint says
// nothing about which tokens are real. A refresh token ends its whole grant (RFC 7009 §2.1 lets a
// server revoke the access tokens of the same grant); an access token ends only itself. A token
// presented with another client's client_id is left alone.
import { db } from "@/lib/db";
import type { OAuthParams } from "@/lib/oauth/form-params";
import { requiredParam } from "@/lib/oauth/form-params";
import { revokeGrant } from "@/lib/oauth/revoke-grant";
import { hashOAuthSecret, isOAuthSecret } from "@/lib/oauth/token-format";

export async function revokeToken(params: OAuthParams): Promise<void> {
  const token = requiredParam(params, "token");
  if (!isOAuthSecret("access", token) && !isOAuthSecret("refresh", token)) return;
  const row = await db.oAuthToken.findUnique({
    where: { tokenHash: hashOAuthSecret(token) },
    select: { id: true, kind: true, grant: { select: { id: true, clientId: true } } },
  });
  if (!row) return;
  const clientId = params.get("client_id");
  if (clientId !== undefined && clientId !== row.grant.clientId) return;
  if (row.kind === "REFRESH") await revokeGrant(row.grant.id, "revoked_by_client");
  else await db.oAuthToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
}
