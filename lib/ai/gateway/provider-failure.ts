// A provider that did not answer (after every deployment was tried) as the caller's error: 504 for a
// timeout, 429 when every deployment was rate-limited (with its Retry-After), 502 otherwise; a
// request the provider refused (4xx) keeps the provider's status and message, since the caller can
// fix it. The provider's key never appears: only its answer's text, cut short.
import type { ProviderFailure } from "@/lib/ai/gateway/call-provider";
import { AiError } from "@/lib/ai/gateway/ai-error";
import type { ErrorCode } from "@/lib/errors";

function providerMessage(detail: string): string {
  try {
    const body = JSON.parse(detail) as { error?: { message?: string } | string; message?: string };
    const message = typeof body.error === "string" ? body.error : (body.error?.message ?? body.message);
    if (message) return message.slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return detail.slice(0, 500);
}

const REJECTED: Record<number, ErrorCode> = { 400: "bad_request", 404: "model_not_found", 413: "payload_too_large", 422: "bad_request" };

export function providerFailureError(failure: ProviderFailure, model: string): AiError {
  if (failure.failure === "timeout")
    return new AiError("upstream_timeout", `The provider of "${model}" did not answer in time. Nothing was charged.`);
  if (failure.failure === "rate_limited") {
    const headers: Record<string, string> = failure.retryAfter ? { "retry-after": failure.retryAfter } : {};
    return new AiError("rate_limited", `The provider of "${model}" is rate-limiting requests. Nothing was charged; retry shortly.`, {
      headers,
    });
  }
  if (failure.status === 401 || failure.status === 403) {
    // The platform's provider credentials were refused: the caller cannot fix it, and the provider's
    // text may quote part of the key, so none of it is passed on.
    return new AiError(
      "upstream_unavailable",
      `The provider of "${model}" refused this installation's credentials. Nothing was charged; an administrator has to check the provider.`,
    );
  }
  if (failure.failure === "rejected" && failure.status !== null) {
    const code = REJECTED[failure.status] ?? "bad_request";
    return new AiError(code, `The provider of "${model}" refused the request: ${providerMessage(failure.detail)}. Nothing was charged.`);
  }
  return new AiError("upstream_unavailable", `The provider of "${model}" is unavailable. Nothing was charged.`);
}
