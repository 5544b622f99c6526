// Errors on /api/ai/v1, in the shape the caller's SDK reads. OpenAI's SDK reads only the body's
// `error` member ({message, type, code, param}); Anthropic's reads `{"type":"error","error":{type,
// message}}`. Both bodies also carry the problem+json fields every Tollgate error has (type URL,
// title, status, detail, code, requestId, and the 402's balance, price, currency, topUpUrl), and are
// served as application/json, which both SDKs parse. Out of credit is 402, never 429: SDKs retry 429s.
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { problemBody } from "@/lib/http/problem";
import type { PlainAnswer } from "@/lib/gateway/gateway-answer";
import type { WireFormat } from "@/lib/ai/types";

export class AiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: { param?: string | null; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "AiError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The error `type` each SDK expects for a status (Anthropic's names; OpenAI uses the same where it has one). */
function errorType(status: number, format: WireFormat): string {
  if (status === 401) return "authentication_error";
  if (status === 402) return "billing_error";
  if (status === 403) return "permission_error";
  if (status === 404 || status === 410) return "not_found_error";
  if (status === 413) return format === "anthropic" ? "request_too_large" : "invalid_request_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return status === 503 || status === 504 ? "overloaded_error" : "api_error";
  return "invalid_request_error";
}

export function aiErrorBody(error: AiError, requestId: string, format: WireFormat): Record<string, unknown> {
  const problem = problemBody(error.code, error.detail, requestId, error.options.extra);
  const type = errorType(error.status, format);
  const sdkError =
    format === "anthropic"
      ? { type: "error", error: { type, message: error.detail } }
      : { error: { message: error.detail, type, code: error.code, param: error.options.param ?? null } };
  // The SDK's member first; the problem fields keep their names (`type` is the docs URL at the top
  // level for OpenAI callers; Anthropic's own top-level `type` must stay "error", so there the URL
  // moves to `problemType`).
  if (format === "anthropic") {
    const { type: problemType, ...rest } = problem;
    return { ...sdkError, problemType, ...rest };
  }
  return { ...sdkError, ...problem };
}

export function aiErrorAnswer(error: AiError, requestId: string, format: WireFormat): PlainAnswer {
  // Names in lower case, each once (an error's own headers never name these four).
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.options.headers ?? {})) fields[name.toLowerCase()] = value;
  fields["content-type"] = "application/json";
  fields["x-request-id"] = requestId;
  fields["cache-control"] = "no-store";
  // OpenAI's and Anthropic's SDKs honour this: a 402 or a 4xx from validation is never worth a retry.
  if (error.status !== 429 && error.status < 500) fields["x-should-retry"] = "false";
  return {
    status: error.status,
    headers: Object.entries(fields),
    body: Buffer.from(JSON.stringify(aiErrorBody(error, requestId, format))),
  };
}
