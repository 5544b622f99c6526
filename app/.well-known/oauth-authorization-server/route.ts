// GET /.well-known/oauth-authorization-server - RFC 8414 metadata of Tollgate's authorization server.
import { withCors, corsPreflight } from "@/lib/oauth/cors";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";

export const dynamic = "force-dynamic";

export const GET = (): Response => withCors(Response.json(authorizationServerMetadata()));
export const OPTIONS = corsPreflight;
