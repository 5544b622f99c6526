// RFC 9457 problem+json responses, shared by the gateway and the management API. The `type` is a
// page of the app's own error docs, so a person who sees the body can look the code up.
import { appUrl } from "@/lib/env";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  validation_failed: "Validation failed",
  unauthorized: "Unauthorized",
  invalid_api_key: "Invalid API key",
  forbidden: "Forbidden",
  subscription_required: "Subscription required",
  not_found: "Not found",
  api_not_found: "API not found",
  conflict: "Conflict",
  api_retired: "API retired",
  payload_too_large: "Payload too large",
  rate_limited: "Rate limit exceeded",
  payment_required: "Payment required",
  insufficient_credit: "Insufficient credit",
  key_spend_cap_reached: "Key spend cap reached",
  internal_error: "Internal error",
  upstream_unavailable: "Upstream unavailable",
  upstream_timeout: "Upstream timeout",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  /** per-field messages for validation errors */
  errors?: Record<string, string>;
  [extension: string]: unknown;
};

export function problemTypeUrl(code: ErrorCode): string {
  return `${appUrl()}/docs/errors/${code}`;
}

export function problemBody(code: ErrorCode, detail: string, requestId: string, extra?: Record<string, unknown>): ProblemBody {
  return { type: problemTypeUrl(code), title: TITLES[code], status: ERROR_STATUS[code], detail, code, requestId, ...extra };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  requestId: string,
  options: { extra?: Record<string, unknown>; headers?: HeadersInit } = {},
): Response {
  const headers = new Headers(options.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  headers.set("x-request-id", requestId);
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(problemBody(code, detail, requestId, options.extra)), {
    status: ERROR_STATUS[code],
    headers,
  });
}

/** An AppError as problem+json; field errors travel in `errors`. */
export function appErrorResponse(error: AppError, requestId: string, headers?: HeadersInit): Response {
  const extra = error.fieldErrors ? { errors: error.fieldErrors } : undefined;
  return problemResponse(error.code, error.message, requestId, { extra, headers });
}
