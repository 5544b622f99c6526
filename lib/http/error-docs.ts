// What each problem code means and how to fix it: the pages behind every problem+json `type` URL
// (/docs/errors/<code>) and the `title` of each problem. One table, so the two cannot disagree.
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

type ErrorDoc = { code: ErrorCode; status: number; title: string; meaning: string; fix: string };

const DOCS: Record<ErrorCode, Omit<ErrorDoc, "code" | "status">> = {
  bad_request: {
    title: "Bad request",
    meaning:
      "The request could not be understood: a body that is not valid JSON, an unsafe gateway path (an encoded slash or backslash, a NUL byte, an absolute URL), request headers over 8 KiB, an API key in the URL, a TRACE or TRACK request, an address with a malformed percent-encoding (such as %ff), or a NUL character (%00) in a page address, a path parameter or a query parameter.",
    fix: "Read `detail` for the exact problem. Percent-encode addresses as UTF-8 and leave NUL characters out. Send keys only in the Authorization or X-API-Key header, and rotate a key that appeared in a URL.",
  },
  validation_failed: {
    title: "Validation failed",
    meaning: "The body was well-formed but some fields are missing or invalid. `errors` lists a message per field.",
    fix: "Correct the fields named in `errors` and send the request again.",
  },
  unauthorized: {
    title: "Unauthorized",
    meaning: "The management API needs a bearer token: the platform admin token or a team key with the manage scope.",
    fix: "Send `Authorization: Bearer <token>` with a valid, unexpired and unrevoked token.",
  },
  invalid_api_key: {
    title: "Invalid API key",
    meaning: "The gateway got no key, a key with the wrong format or checksum, or a key that is unknown, revoked or expired.",
    fix: "Copy the key again (keys start with tg_live_ or tg_test_), or create a new one on your team's Keys page.",
  },
  forbidden: {
    title: "Forbidden",
    meaning:
      "You are known but not allowed to do this: a key not scoped to this API, a key without the manage scope, or a team role that is too low.",
    fix: "Use a key scoped to the API (or to all subscribed APIs), or ask a team owner or admin.",
  },
  subscription_required: {
    title: "Subscription required",
    meaning:
      "Your team has no active subscription to this API: none at all, one waiting for approval, or one that was cancelled or rejected.",
    fix: "Subscribe from your team's Catalog page; plans that need approval start working once an administrator approves them.",
  },
  not_found: {
    title: "Not found",
    meaning: "The object does not exist, or you have no access to it (the two look the same on purpose).",
    fix: "Check the id or slug, and that you are using the right team's key.",
  },
  api_not_found: {
    title: "API not found",
    meaning: "No published API has this slug, or it is private and your team is not subscribed to it.",
    fix: "Check the slug in the gateway URL against the catalog: /api/gateway/<api-slug>/<path>.",
  },
  model_not_found: {
    title: "Model not found",
    meaning: "No model of the AI APIs your team subscribes to has this id (or its API is retired).",
    fix: "Call GET /api/ai/v1/models with your key: it lists the model ids you may use. The message of the error lists them too.",
  },
  model_not_allowed: {
    title: "Model not allowed",
    meaning: "The model exists, but your team's plan or this key does not allow it.",
    fix: "Use one of the models listed in the message, ask an owner for a key that allows this model, or change to a plan that includes it.",
  },
  conflict: {
    title: "Conflict",
    meaning:
      "The change clashes with the current state: a slug already taken, a status change that is not allowed, or an idempotency key reused with different parameters.",
    fix: "Read `detail`, fetch the current state and decide again.",
  },
  api_retired: {
    title: "API retired",
    meaning: "This API has been retired by its publisher and no longer answers.",
    fix: "Move to the replacement listed in the catalog.",
  },
  request_timeout: {
    title: "Request timeout",
    meaning:
      "Your request did not arrive in time: the gateway waits 15 s for the next part of a request body and 60 s for all of it, and the server 15 s for the request headers. Nothing was charged, and the connection was closed.",
    fix: "Send the whole request at once, or check the network between you and the gateway; retry with backoff.",
  },
  payload_too_large: {
    title: "Payload too large",
    meaning: "The request body is larger than your plan allows (`maxRequestBytes`). Nothing was charged.",
    fix: "Send a smaller body, or move to a plan with a higher limit.",
  },
  rate_limited: {
    title: "Rate limit exceeded",
    meaning:
      "This key has used its plan's requests for the current window. The `RateLimit-*` headers show the limit, what remains and when it resets.",
    fix: "Wait `Retry-After` seconds before the next call, spread calls out, or move to a plan with a higher limit.",
  },
  payment_required: {
    title: "Payment required",
    meaning: "This needs credit your team does not have.",
    fix: "Top up at the `topUpUrl` in the body.",
  },
  insufficient_credit: {
    title: "Insufficient credit",
    meaning:
      "Your team's prepaid credit (`balance`) is below the price of this call (`price`, in `currency`), or below zero after a refunded top-up. The call was not forwarded and nothing was charged.",
    fix: 'Top up at the `topUpUrl` in the body (also sent as `Link: <...>; rel="payment"`); calls work again as soon as the credit arrives.',
  },
  key_spend_cap_reached: {
    title: "Key spend cap reached",
    meaning: "This key has spent its spend cap, even though the team may still have credit.",
    fix: "Use another key of your team, or create a key with a higher cap.",
  },
  internal_error: {
    title: "Internal error",
    meaning: "Something failed on our side. If a call was charged, it was refunded.",
    fix: "Retry later; quote the `requestId` when you contact the operator.",
  },
  upstream_unavailable: {
    title: "Upstream unavailable",
    meaning:
      "The gateway could not reach the API's upstream server (connection refused or reset), or it answered in a form the gateway cannot relay. You were not charged.",
    fix: "Retry with backoff; if it persists the API is down, so contact its publisher.",
  },
  invalid_model_output: {
    title: "Invalid model output",
    meaning:
      "A Prompt API with an output schema got an answer from its model that is not JSON or does not match the schema, so it could not give you a result. You were not charged.",
    fix: "Retry: models answer differently each time. If it keeps happening, tell the API's publisher: the prompt or the schema needs work.",
  },
  upstream_timeout: {
    title: "Upstream timeout",
    meaning: "The API's upstream server did not connect or answer within its timeout. You were not charged.",
    fix: "Retry with backoff; for slow operations ask the publisher about longer timeouts.",
  },
  service_unavailable: {
    title: "Service unavailable",
    meaning:
      "Tollgate's own database did not answer in time (it is restarting, overloaded or unreachable), so the request was not carried out. A gateway call answered this way was not forwarded (or its API had already failed), and you are not charged for it: a charge already taken is refunded as soon as the database answers again.",
    fix: "Retry after the `Retry-After` seconds, with backoff. Tollgate recovers by itself when its database is back; if it lasts, tell the operator.",
  },
};

export function errorDoc(code: ErrorCode): ErrorDoc {
  return { code, status: ERROR_STATUS[code], ...DOCS[code] };
}

export function allErrorDocs(): ErrorDoc[] {
  return (Object.keys(DOCS) as ErrorCode[]).map(errorDoc);
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(DOCS, value);
}
