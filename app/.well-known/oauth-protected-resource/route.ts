// GET /.well-known/oauth-protected-resource - RFC 9728 metadata of the MCP server /api/mcp.
import { withCors, corsPreflight } from "@/lib/oauth/cors";
import { protectedResourceMetadata } from "@/lib/oauth/metadata";

export const dynamic = "force-dynamic";

export const GET = (): Response => withCors(Response.json(protectedResourceMetadata(null)));
export const OPTIONS = corsPreflight;
