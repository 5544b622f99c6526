// Who is calling the MCP endpoint, in one place: a team key (`Authorization: Bearer tg_…`, or
// X-API-Key) with its scopes, or an OAuth access token that lib/oauth issued for this very resource
// (`/api/mcp` or `/api/mcp/{api}`), which acts as its grant's hidden team key. Either way the caller
// ends up with a ResolvedKey, and every tool call runs through the gateway core with it. Nothing is
// ever read from the URL.
import { authenticateApiKey, type ResolvedKey } from "@/lib/gateway/key-cache";
import { readBearerToken } from "@/lib/http/bearer";
import { verifyMcpAccessToken } from "@/lib/oauth/verify-access-token";
import { looksLikeAccessToken } from "@/lib/oauth/token-format";
import { mcpResourceUrl, mcpWwwAuthenticate } from "@/lib/oauth/resource";

export type McpCaller = {
  key: ResolvedKey;
  teamId: string;
  teamSlug: string;
  /** OAuth callers: the signed-in user and the grant; null for a team key */
  userId: string | null;
  grantId: string | null;
  via: "team_key" | "oauth";
  /** the token's expiry (seconds since the epoch), for the SDK's AuthInfo */
  expiresAt?: number;
};

export type McpAuthFailure = {
  status: 401;
  message: string;
  /** `Bearer resource_metadata="<origin>/.well-known/oauth-protected-resource/api/mcp…"`, so clients can sign in */
  wwwAuthenticate: string;
};

type Verifier = typeof verifyMcpAccessToken;

const KEY_MESSAGES: Record<string, string> = {
  malformed: "That is not a valid Tollgate API key (wrong format or checksum). Copy the key again from your team's Keys page.",
  unknown: "This API key does not exist. Create a key on your team's Keys page.",
  revoked: "This API key has been revoked. Create a new key on your team's Keys page.",
  expired: "This API key has expired. Rotate it or create a new key on your team's Keys page.",
};

/**
 * `apiSlug`: the API of `/api/mcp/{api}`, or null for `/api/mcp`. `verify` is lib/oauth's verifier
 * (tests may pass another).
 */
export async function resolveMcpCaller(
  request: Request,
  apiSlug: string | null,
  verify: Verifier = verifyMcpAccessToken,
): Promise<{ ok: true; caller: McpCaller } | { ok: false; failure: McpAuthFailure }> {
  const resource = mcpResourceUrl(apiSlug);
  const token = readBearerToken(request.headers);
  if (!token) {
    return refuse(
      "Sign in with OAuth (your MCP client does this when it reads the WWW-Authenticate header), or send a team API key as `Authorization: Bearer tg_live_…`.",
      mcpWwwAuthenticate(resource),
    );
  }
  if (looksLikeAccessToken(token)) {
    const principal = await verify(token, resource);
    if (!principal) {
      return refuse(
        "The access token is invalid, expired or revoked, or it was issued for another MCP server URL. Sign in again.",
        mcpWwwAuthenticate(resource, "invalid_token"),
      );
    }
    return {
      ok: true,
      caller: {
        key: principal.key,
        teamId: principal.teamId,
        teamSlug: principal.teamSlug,
        userId: principal.userId,
        grantId: principal.grantId,
        via: "oauth",
        expiresAt: Math.floor(principal.tokenExpiresAt.getTime() / 1000),
      },
    };
  }
  const pending = authenticateApiKey(token);
  const check = pending instanceof Promise ? await pending : pending;
  if (!check.ok) return refuse(KEY_MESSAGES[check.reason] ?? KEY_MESSAGES.unknown!, mcpWwwAuthenticate(resource, "invalid_token"));
  const { key } = check;
  return { ok: true, caller: { key, teamId: key.teamId, teamSlug: key.teamSlug, userId: null, grantId: null, via: "team_key" } };
}

function refuse(message: string, wwwAuthenticate: string): { ok: false; failure: McpAuthFailure } {
  return { ok: false, failure: { status: 401, message, wwwAuthenticate } };
}
