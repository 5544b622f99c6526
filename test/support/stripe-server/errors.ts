// Stripe-shaped errors: `{ error: { type, code, message, param, ... } }` with the status Stripe uses,
// so the real SDK turns each one into the same error class it would raise against Stripe
// (400/404 → StripeInvalidRequestError or StripeIdempotencyError, 401 → StripeAuthenticationError,
// 402 → StripeCardError).

export type StripeErrorBody = {
  type: "invalid_request_error" | "idempotency_error" | "card_error" | "api_error";
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
  [extra: string]: unknown;
};

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

function withDocs(body: StripeErrorBody): StripeErrorBody {
  return body.code ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replaceAll("_", "-")}` } : body;
}

export function invalidRequest(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return new StripeApiError(status, withDocs({ type: "invalid_request_error", message, param, code }));
}

/** `No such customer: 'cus_x'`: 404 when the id is in the path, 400 when it was a parameter. */
export function noSuch(kind: string, id: string, param?: string): StripeApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, param ?? "id", "resource_missing", param ? 400 : 404);
}

export function idempotencyError(message: string): StripeApiError {
  return new StripeApiError(400, { type: "idempotency_error", message });
}

export function cardError(fields: { message: string; code: string; [extra: string]: unknown }): StripeApiError {
  return new StripeApiError(402, withDocs({ type: "card_error", ...fields }));
}
