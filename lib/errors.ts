// One error type for expected failures, and the one table from code to HTTP status.
// Expected errors carry a message that is safe to show; anything else is logged and shown generically.

export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  invalid_api_key: 401,
  forbidden: 403,
  subscription_required: 403,
  not_found: 404,
  api_not_found: 404,
  model_not_found: 404,
  model_not_allowed: 403,
  conflict: 409,
  api_retired: 410,
  request_timeout: 408,
  payload_too_large: 413,
  rate_limited: 429,
  payment_required: 402,
  insufficient_credit: 402,
  key_spend_cap_reached: 402,
  internal_error: 500,
  upstream_unavailable: 502,
  /** a Prompt API's model answered something its output schema refuses (lib/prompt-apis); not charged */
  invalid_model_output: 502,
  upstream_timeout: 504,
  service_unavailable: 503,
} as const;

/** `Retry-After` of a 503 `service_unavailable`: about when a database restart is over. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** per-field messages for forms and problem+json `errors` */
  readonly fieldErrors?: Record<string, string>;

  constructor(code: ErrorCode, message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what = "That page") => new AppError("not_found", `${what} does not exist or you do not have access to it.`);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);

/** The database did not answer in time (lib/db-errors isDatabaseUnavailable): answered with Retry-After. */
export const serviceUnavailable = () =>
  new AppError("service_unavailable", `The database did not answer in time. Retry in ${SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS} s.`);
export const SERVICE_UNAVAILABLE_HEADERS = { "retry-after": String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) };

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
