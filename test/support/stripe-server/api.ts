// The /v1 API as the SDK meets it: Bearer (or Basic) secret-key auth, form-encoded parameters,
// Idempotency-Key replays, Stripe-shaped errors, `expand[]`, and the `request-id` header.
// Events caused by a request are delivered after its response by default, as Stripe's arrive
// asynchronously; an app that calls Stripe while holding a lock its webhook handler needs would
// otherwise deadlock here although it works in production.
import type http from "node:http";
import Stripe from "stripe";
import { StripeApiError, idempotencyError, invalidRequest } from "./errors";
import { Params, parseForm, type FormValue } from "./form";
import { newId } from "./objects";
import { routes } from "./routes";
import { expand, type State } from "./state";
import type { Webhooks } from "./webhooks";

export type ApiConfig = { secretKey: string; state: State; webhooks: Webhooks; deliverBeforeResponse: boolean };

type Saved = { endpoint: string; fingerprint: string; requestId: string; status: number; body: string };

export function createApi(config: ApiConfig) {
  /** Idempotency-Key → the first answer; like Stripe, only requests that ran (2xx, 402) are saved. */
  const saved = new Map<string, Saved>();

  return async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, rawBody: string) {
    const requestId = newId("req_", 14);
    const method = req.method ?? "GET";
    const key = method === "POST" ? header(req, "idempotency-key") : undefined;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "request-id": requestId,
      "stripe-version": header(req, "stripe-version") ?? Stripe.API_VERSION,
      ...(key ? { "idempotency-key": key } : {}),
    };
    let status = 200;
    let body: string;
    try {
      authenticate(header(req, "authorization"), config.secretKey);
      const form = parseForm(method === "POST" ? rawBody : url.search.slice(1));
      const endpoint = `${method} ${url.pathname}`;
      const fingerprint = canonical(form);
      const replay = key ? saved.get(key) : undefined;
      if (replay) {
        const message =
          replay.endpoint !== endpoint
            ? `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${replay.endpoint}' vs '${endpoint}').`
            : replay.fingerprint !== fingerprint
              ? "Keys for idempotent requests can only be used with the same parameters they were first used with."
              : undefined;
        if (message) throw idempotencyError(`${message} Try using a key other than '${key}' if you meant to execute a different request.`);
        Object.assign(headers, { "idempotent-replayed": "true", "original-request": replay.requestId });
        return void res.writeHead(replay.status, headers).end(replay.body);
      }
      const [route, id] = match(method, url.pathname);
      const params = new Params(form);
      const ctx = { state: config.state, emit: config.webhooks.emitter({ id: requestId, idempotency_key: key ?? null }) };
      try {
        body = JSON.stringify(expand(config.state, route(ctx, params, id), params.strings("expand")), null, 2);
      } catch (error) {
        if (!(error instanceof StripeApiError) || error.status !== 402) throw error;
        [status, body] = [402, errorBody(error)]; // a declined payment ran, so its answer is saved
      }
      if (key) saved.set(key, { endpoint, fingerprint, requestId, status, body });
    } catch (error) {
      status = error instanceof StripeApiError ? error.status : 500;
      body = error instanceof StripeApiError ? errorBody(error) : JSON.stringify({ error: { type: "api_error", message: String(error) } });
    }
    if (config.deliverBeforeResponse) await config.webhooks.flush();
    res.writeHead(status, headers).end(body);
    if (!config.deliverBeforeResponse) config.webhooks.flush().catch(() => undefined); // failures are in `deliveries`
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function authenticate(authorization: string | undefined, secretKey: string) {
  const [scheme, credentials] = (authorization ?? "").split(/\s+/, 2);
  const key = /^bearer$/i.test(scheme)
    ? credentials
    : /^basic$/i.test(scheme)
      ? Buffer.from(credentials ?? "", "base64")
          .toString()
          .split(":")[0]
      : undefined;
  if (!key) {
    throw invalidRequest(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      undefined,
      undefined,
      401,
    );
  }
  if (key !== secretKey)
    throw invalidRequest(
      `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
      undefined,
      undefined,
      401,
    );
}

function match(method: string, path: string) {
  for (const [routeMethod, pattern, handler] of routes) {
    const found = routeMethod === method ? pattern.exec(path) : null;
    if (found) return [handler, decodeURIComponent(found[1] ?? "")] as const;
  }
  throw invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    undefined,
    undefined,
    404,
  );
}

function errorBody(error: StripeApiError): string {
  return JSON.stringify({ error: error.body }, null, 2);
}

/** The parameters with sorted keys, so the same request compares equal whatever its key order. */
function canonical(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(",")}}`;
}
