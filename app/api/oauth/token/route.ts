// POST /api/oauth/token - authorization code (PKCE S256) and rotating refresh token grants.
import { withCors, corsPreflight } from "@/lib/oauth/cors";
import { handleTokenRequest } from "@/lib/oauth/handle-token-request";

export const dynamic = "force-dynamic";

export const POST = async (request: Request): Promise<Response> => withCors(await handleTokenRequest(request));
export const OPTIONS = corsPreflight;
