// Dynamic client registration (RFC 7591), bounded: a body of at most 16 KiB, at most 10 redirect
// URIs of at most 512 characters, a name of at most 100, and 20 registrations per client address per
// hour (counted in PostgreSQL, so every instance shares the count). Every client is public: it gets
// no secret and must use PKCE; a different token_endpoint_auth_method is answered with "none".
import { z } from "zod";
import { db } from "@/lib/db";
import { randomToken } from "@/lib/crypto";
import { readLimited } from "@/lib/http/read-limited";
import { takeAttempt } from "@/lib/auth/throttle";
import { isStorableText } from "@/lib/validation";
import { OAuthError } from "@/lib/oauth/oauth-error";
import { redirectUriProblem } from "@/lib/oauth/redirect-uris";

const MAX_BODY_BYTES = 16 * 1024;
export const REGISTRATIONS_PER_HOUR = 20;
const DEFAULT_NAME = "Unnamed MCP client";

const metadataSchema = z.looseObject({
  redirect_uris: z.array(z.string()).min(1, "Register at least one redirect URI.").max(10, "Register at most 10 redirect URIs."),
  client_name: z.string().max(100, "Use a client_name of at most 100 characters.").optional(),
  grant_types: z.array(z.string().max(64)).max(5).optional(),
  response_types: z.array(z.string().max(64)).max(5).optional(),
  token_endpoint_auth_method: z.string().max(64).optional(),
  scope: z.string().max(200).optional(),
});

const SUPPORTED_GRANTS = new Set(["authorization_code", "refresh_token"]);

export type RegisteredClient = {
  client_id: string;
  client_id_issued_at: number;
  client_name: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: "none";
};

export async function registerClient(request: Request, clientIp: string | null): Promise<RegisteredClient> {
  const verdict = await takeAttempt([
    { key: `oauth-register:${clientIp ?? "unknown"}`, limit: REGISTRATIONS_PER_HOUR, windowSeconds: 3600 },
  ]);
  if (!verdict.allowed) {
    const retryAfter = Math.max(1, Math.ceil(((verdict.retryAt?.getTime() ?? Date.now()) - Date.now()) / 1000));
    throw new OAuthError("too_many_requests", "Too many client registrations from this address. Try again later.", 429, {
      "retry-after": String(retryAfter),
    });
  }
  const metadata = await readMetadata(request);
  const client = await db.oAuthClient.create({
    data: {
      id: `tgc_${randomToken(18)}`,
      name: clientName(metadata.client_name),
      redirectUris: metadata.redirect_uris,
      registeredFromIp: clientIp,
    },
  });
  return {
    client_id: client.id,
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
  };
}

async function readMetadata(request: Request): Promise<z.infer<typeof metadataSchema>> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new OAuthError("invalid_client_metadata", "Send the client metadata as application/json.");
  }
  const { bytes, truncated } = await readLimited(request.body, MAX_BODY_BYTES);
  if (truncated) throw new OAuthError("invalid_client_metadata", `The client metadata is larger than ${MAX_BODY_BYTES} bytes.`, 413);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OAuthError("invalid_client_metadata", "The body is not valid JSON.");
  }
  const parsed = metadataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OAuthError("invalid_client_metadata", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const metadata = parsed.data;
  for (const uri of metadata.redirect_uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new OAuthError("invalid_redirect_uri", problem);
  }
  metadata.redirect_uris = [...new Set(metadata.redirect_uris)];
  const unsupportedGrant = metadata.grant_types?.find((grant) => !SUPPORTED_GRANTS.has(grant));
  if (unsupportedGrant)
    throw new OAuthError("invalid_client_metadata", `The grant type ${unsupportedGrant.slice(0, 64)} is not supported.`);
  if (metadata.response_types?.some((type) => type !== "code"))
    throw new OAuthError("invalid_client_metadata", "Only the response type code is supported.");
  return metadata;
}

/** Control characters and unstorable text are dropped; what remains is shown on the consent page as the client's claim. */
function clientName(value: string | undefined): string {
  const cleaned = (value ?? "").replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
  return cleaned && isStorableText(cleaned) ? cleaned : DEFAULT_NAME;
}
