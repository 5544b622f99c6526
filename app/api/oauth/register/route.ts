// POST /api/oauth/register - dynamic client registration (RFC 7591) for MCP clients: bounded, rate limited per address.
import { clientFromRequest } from "@/lib/http/client-address";
import { withCors, corsPreflight } from "@/lib/oauth/cors";
import { answerOAuth, oauthJson } from "@/lib/oauth/oauth-error";
import { registerClient } from "@/lib/oauth/register-client";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return withCors(await answerOAuth("register", async () => oauthJson(await registerClient(request, clientFromRequest(request).ip), 201)));
}

export const OPTIONS = corsPreflight;
