// GET /.well-known/oauth-protected-resource/api/mcp[/{api}] - RFC 9728 §3.1 metadata of one MCP
// endpoint, found by appending its path; any other path is 404.
import { withCors, corsPreflight } from "@/lib/oauth/cors";
import { protectedResourceMetadata } from "@/lib/oauth/metadata";
import { mcpResourceUrl, parseMcpResource } from "@/lib/oauth/resource";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  const resource = parseMcpResource(new URL(path.map(encodeURIComponent).join("/"), `${new URL(mcpResourceUrl()).origin}/`).toString());
  if (!resource)
    return withCors(Response.json({ error: "not_found", error_description: "No protected resource at this path." }, { status: 404 }));
  return withCors(Response.json(protectedResourceMetadata(resource.apiSlug)));
}

export const OPTIONS = corsPreflight;
