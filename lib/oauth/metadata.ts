// The two discovery documents: authorization server metadata (RFC 8414) and protected resource
// metadata (RFC 9728). Both are built from APP_URL / GATEWAY_URL, never from the request's Host.
import { appUrl } from "@/lib/env";
import { mcpResourceUrl } from "@/lib/oauth/resource";

export const OAUTH_SCOPE = "mcp";

export const oauthIssuer = (): string => appUrl();

export const oauthEndpoints = () => ({
  authorization: `${appUrl()}/oauth/authorize`,
  token: `${appUrl()}/api/oauth/token`,
  registration: `${appUrl()}/api/oauth/register`,
  revocation: `${appUrl()}/api/oauth/revoke`,
});

export function authorizationServerMetadata() {
  const endpoints = oauthEndpoints();
  return {
    issuer: oauthIssuer(),
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    registration_endpoint: endpoints.registration,
    revocation_endpoint: endpoints.revocation,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none"],
    revocation_endpoint_auth_methods_supported: ["none"],
    scopes_supported: [OAUTH_SCOPE],
    authorization_response_iss_parameter_supported: true,
    service_documentation: `${appUrl()}/docs`,
  };
}

/** The metadata of `/api/mcp` (apiSlug null) or `/api/mcp/{apiSlug}`. */
export function protectedResourceMetadata(apiSlug: string | null) {
  return {
    resource: mcpResourceUrl(apiSlug),
    authorization_servers: [oauthIssuer()],
    bearer_methods_supported: ["header"],
    scopes_supported: [OAUTH_SCOPE],
    resource_name: apiSlug ? `Tollgate MCP: ${apiSlug}` : "Tollgate MCP",
    resource_documentation: `${appUrl()}/docs`,
  };
}
