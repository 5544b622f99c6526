// POST /api/oauth/revoke - token revocation (RFC 7009): always 200.
import { withCors, corsPreflight } from "@/lib/oauth/cors";
import { handleRevocationRequest } from "@/lib/oauth/handle-token-request";

export const dynamic = "force-dynamic";

export const POST = async (request: Request): Promise<Response> => withCors(await handleRevocationRequest(request));
export const OPTIONS = corsPreflight;
