// RFC 9457 problem+json responses, shared by the gateway and the management API. The `type` is a
// page of the app's own error docs, so a person who sees the body can look the code up.
import { appUrl } from "@/lib/env";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { errorDoc } from "@/lib/http/error-docs";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

type ProblemBody = {
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

function problemTypeUrl(code: ErrorCode): string {
  return `${appUrl()}/docs/errors/${code}`;
}

export function problemBody(code: ErrorCode, detail: string, requestId: string, extra?: Record<string, unknown>): ProblemBody {
  return { type: problemTypeUrl(code), title: errorDoc(code).title, status: ERROR_STATUS[code], detail, code, requestId, ...extra };
}

/** The headers every problem+json answer carries, over any the caller of problemResponse adds. */
export function problemHeaders(requestId: string): Record<string, string> {
  return {
    "content-type": PROBLEM_CONTENT_TYPE,
    "x-request-id": requestId,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  requestId: string,
  options: { extra?: Record<string, unknown>; headers?: HeadersInit } = {},
): Response {
  const headers = new Headers(options.headers);
  for (const [name, value] of Object.entries(problemHeaders(requestId))) headers.set(name, value);
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
