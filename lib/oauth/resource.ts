// The MCP resources Tollgate's OAuth tokens can be bound to (RFC 8707), and their metadata URLs (RFC 9728).
//
// A resource is the canonical URL of an MCP endpoint: `<GATEWAY_URL>/api/mcp` (every API the team may
// call) or `<GATEWAY_URL>/api/mcp/<api-slug>` (one API). A token is bound to exactly one of them and
// is refused anywhere else; the scheme and host compare case-insensitively, a trailing slash does not
// count, and a query or fragment makes the value no resource of ours.
import { gatewayUrl } from "@/lib/env";

const MCP_PATH = "/api/mcp";
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The canonical resource (and server URL) of `/api/mcp` or `/api/mcp/{apiSlug}`. */
export function mcpResourceUrl(apiSlug?: string | null): string {
  return `${gatewayUrl()}${MCP_PATH}${apiSlug ? `/${apiSlug}` : ""}`;
}

export type McpResource = { url: string; apiSlug: string | null };

/** The resource a client named, in canonical form, or null when it is not one of our MCP endpoints. */
export function parseMcpResource(value: unknown): McpResource | null {
  if (typeof value !== "string" || value.length > 300) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.search || url.hash || url.username || url.password) return null;
  if (url.origin !== new URL(gatewayUrl()).origin) return null;
  const path = url.pathname.replace(/\/$/, "");
  if (path === MCP_PATH) return { url: mcpResourceUrl(), apiSlug: null };
  const slug = path.startsWith(`${MCP_PATH}/`) ? path.slice(MCP_PATH.length + 1) : null;
  return slug && SLUG.test(slug) ? { url: mcpResourceUrl(slug), apiSlug: slug } : null;
}

/** RFC 9728 §3.1: the metadata of a resource with a path is at the well-known URI with that path appended. */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}/.well-known/oauth-protected-resource${url.pathname.replace(/\/$/, "")}`;
}

/**
 * The `WWW-Authenticate` value of a 401 from an MCP endpoint (RFC 9728 §5.1, RFC 6750 §3): where the
 * client finds how to sign in, and, for a token that was refused, why.
 */
export function mcpWwwAuthenticate(resource: string, error?: "invalid_token" | "insufficient_scope"): string {
  const parts = [`resource_metadata="${protectedResourceMetadataUrl(resource)}"`];
  if (error === "invalid_token")
    parts.push(`error="invalid_token"`, `error_description="The access token is invalid, expired or revoked."`);
  if (error === "insufficient_scope") parts.push(`error="insufficient_scope"`);
  return `Bearer ${parts.join(", ")}`;
}
