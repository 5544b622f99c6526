// OAuth's own error answers (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 8707 §2): `{error, error_description}`
// in JSON. The authorization server's endpoints answer in this shape rather than problem+json because
// OAuth clients (the MCP SDK included) read `error` to decide what to do next.
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { newRequestId } from "@/lib/http/request-id";
import { forRequest, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("oauth");

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  | "too_many_requests"
  | "temporarily_unavailable"
  | "server_error";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/** Secrets and tokens never reach a cache or a log through these answers. */
export const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function oauthErrorResponse(error: OAuthError): Response {
  return oauthJson({ error: error.code, error_description: error.description }, error.status, error.headers);
}

/**
 * Runs an endpoint: OAuthErrors become their answers, a database that does not answer becomes 503,
 * anything else is logged by request id (never with the request's body, which holds secrets) and
 * answered as server_error.
 */
export async function answerOAuth(endpoint: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorResponse(error);
    if (isDatabaseUnavailable(error)) {
      return oauthErrorResponse(
        new OAuthError("temporarily_unavailable", "The service is briefly unavailable. Try again.", 503, { "retry-after": "5" }),
      );
    }
    const requestId = newRequestId();
    forRequest(log, requestId).error({ endpoint, err: error }, "unexpected error");
    return oauthErrorResponse(new OAuthError("server_error", `Something went wrong on our side. Quote request id ${requestId}.`, 500));
  }
}
