// POST /api/oauth/token and POST /api/oauth/revoke, as web Request -> Response, so a route handler
// only forwards to them.
import { answerOAuth, OAuthError, oauthJson } from "@/lib/oauth/oauth-error";
import { readOAuthForm } from "@/lib/oauth/form-params";
import { exchangeCode } from "@/lib/oauth/exchange-code";
import { refreshTokens } from "@/lib/oauth/refresh-tokens";
import { revokeToken } from "@/lib/oauth/revoke-token";

export function handleTokenRequest(request: Request): Promise<Response> {
  return answerOAuth("token", async () => {
    const params = await readOAuthForm(request);
    if (params.has("client_secret"))
      throw new OAuthError("invalid_client", "Tollgate's clients are public: send client_id and PKCE, no secret.", 401);
    const grantType = params.get("grant_type");
    if (grantType === "authorization_code") return oauthJson(await exchangeCode(params));
    if (grantType === "refresh_token") return oauthJson(await refreshTokens(params));
    if (!grantType) throw new OAuthError("invalid_request", "The parameter grant_type is required.");
    throw new OAuthError("unsupported_grant_type", "Use grant_type authorization_code or refresh_token.");
  });
}

export function handleRevocationRequest(request: Request): Promise<Response> {
  return answerOAuth("revoke", async () => {
    await revokeToken(await readOAuthForm(request));
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
