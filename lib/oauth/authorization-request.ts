// The authorization request (RFC 6749 §4.1.1 with PKCE and RFC 8707), checked in the order OAuth
// requires: while client_id or redirect_uri is wrong, nothing may be sent to the redirect URI (it
// could be anyone's), so the person sees an error page; once both are right, every other problem
// goes back to the client as `error=` on its redirect URI.
import { db } from "@/lib/db";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { OAUTH_SCOPE, oauthIssuer } from "@/lib/oauth/metadata";
import { isPkceChallenge } from "@/lib/oauth/pkce";
import { redirectHost } from "@/lib/oauth/redirect-uris";
import { parseMcpResource, type McpResource } from "@/lib/oauth/resource";

export type AuthorizationRequest = {
  client: { id: string; name: string };
  redirectUri: string;
  redirectHost: string;
  state: string | null;
  codeChallenge: string;
  resource: McpResource;
  scope: string;
};

export type AuthorizationCheck =
  | { kind: "ok"; request: AuthorizationRequest }
  /** client or redirect URI unknown: shown to the person, never redirected */
  | { kind: "invalid"; message: string }
  /** sent back to the client */
  | { kind: "redirect"; url: string };

/** The parameters the consent form carries back to the server, which checks them all again. */
export const AUTHORIZATION_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "state",
  "code_challenge",
  "code_challenge_method",
  "resource",
  "scope",
] as const;

export async function checkAuthorizationRequest(params: URLSearchParams): Promise<AuthorizationCheck> {
  for (const name of AUTHORIZATION_PARAMS) {
    if (params.getAll(name).length > 1) return { kind: "invalid", message: `The parameter ${name} was sent more than once.` };
  }
  const clientId = params.get("client_id");
  const client =
    clientId && clientId.length <= 64
      ? await db.oAuthClient.findUnique({ where: { id: clientId }, select: { id: true, name: true, redirectUris: true } })
      : null;
  if (!client)
    return {
      kind: "invalid",
      message: "This application is not registered with Tollgate (unknown client_id). Start the sign-in from the application again.",
    };
  const requested = params.get("redirect_uri");
  const redirectUri = requested ?? (client.redirectUris.length === 1 ? client.redirectUris[0]! : null);
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    return {
      kind: "invalid",
      message: "The redirect_uri does not exactly match one the application registered, so Tollgate will not send you there.",
    };
  }

  const state = params.get("state");
  const fail = (error: OAuthError): AuthorizationCheck => ({ kind: "redirect", url: authorizationErrorUrl(redirectUri, state, error) });
  if (state !== null && state.length > 1024) return fail(new OAuthError("invalid_request", "The state parameter is too long."));
  if (params.get("response_type") !== "code")
    return fail(new OAuthError("unsupported_response_type", "Only response_type=code is supported."));
  const challenge = params.get("code_challenge");
  if (!challenge || params.get("code_challenge_method") !== "S256" || !isPkceChallenge(challenge)) {
    return fail(new OAuthError("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256."));
  }
  const resourceParam = params.get("resource");
  if (!resourceParam)
    return fail(new OAuthError("invalid_request", "The resource parameter (RFC 8707) is required: name the MCP server URL."));
  const resource = parseMcpResource(resourceParam);
  if (!resource) return fail(new OAuthError("invalid_target", "The resource is not an MCP endpoint of this Tollgate."));
  const scopes = (params.get("scope") ?? "").split(" ").filter(Boolean);
  if (scopes.some((scope) => scope !== OAUTH_SCOPE)) return fail(new OAuthError("invalid_scope", `The only scope is ${OAUTH_SCOPE}.`));

  return {
    kind: "ok",
    request: {
      client: { id: client.id, name: client.name },
      redirectUri,
      redirectHost: redirectHost(redirectUri),
      state,
      codeChallenge: challenge,
      resource,
      scope: OAUTH_SCOPE,
    },
  };
}

/** RFC 6749 §4.1.2.1 plus the issuer (RFC 9207), so a client talking to several servers cannot mix them up. */
export function authorizationErrorUrl(redirectUri: string, state: string | null, error: OAuthError): string {
  return redirectWith(redirectUri, { error: error.code, error_description: error.description, state });
}

export function redirectWith(redirectUri: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  url.searchParams.set("iss", oauthIssuer());
  return url.toString();
}
