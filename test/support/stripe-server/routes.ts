// The route table of the /v1 API: /v1/customers, /v1/checkout/sessions and /v1/events here,
// payments in routes-payments.ts. A handler gets the request's context, its parameters (body for
// POST, query otherwise) and the id from the path, and returns the object to answer with.
import { expireSession } from "./checkout-pay";
import { createSession } from "./checkout-session";
import { invalidRequest } from "./errors";
import { mergeMetadata, type Params } from "./form";
import { customerObject, type Customer } from "./objects";
import { attach, paymentMethod, type Ctx } from "./payments";
import { listPaymentMethods, paymentRoutes } from "./routes-payments";
import { lineItems, list } from "./state";

export type Route = [method: string, path: RegExp, handler: (ctx: Ctx, params: Params, id: string) => unknown];

const CUSTOMER_FIELDS = ["email", "name", "description", "phone"] as const;

// Both write paths check every parameter before changing anything, so a refused request leaves
// the account (and its events) as it was, like Stripe's.
function createCustomer(ctx: Ctx, params: Params) {
  params.only(...CUSTOMER_FIELDS, "metadata", "payment_method", "invoice_settings", "preferred_locales");
  const fields = Object.fromEntries(CUSTOMER_FIELDS.map((key) => [key, params.string(key)]));
  const metadata = params.metadata();
  const pmId = params.string("payment_method");
  const pm = pmId ? paymentMethod(ctx, pmId, "payment_method") : undefined;
  if (pm?.customer)
    throw invalidRequest(
      "The payment method you provided has already been attached to a customer.",
      "payment_method",
      "payment_method_unexpected_state",
    );
  const customer = customerObject({ ...fields, metadata });
  const defaultPm = defaultPaymentMethod(ctx, customer.id, params, pm?.id);
  ctx.state.customers.set(customer.id, customer);
  ctx.emit("customer.created", customer);
  if (pm) attach(ctx, pm, customer.id);
  customer.invoice_settings.default_payment_method = defaultPm ?? null;
  return customer;
}

function updateCustomer(ctx: Ctx, params: Params, id: string) {
  params.only(...CUSTOMER_FIELDS, "metadata", "invoice_settings", "preferred_locales");
  const customer = ctx.state.customer(id);
  const fields = Object.fromEntries(CUSTOMER_FIELDS.filter((key) => params.has(key)).map((key) => [key, params.string(key) ?? null]));
  const metadata = mergeMetadata(customer.metadata, params.metadata());
  const defaultPm = defaultPaymentMethod(ctx, customer.id, params);
  const before: Record<string, unknown> = structuredClone(customer);
  Object.assign(customer, fields, { metadata });
  if (defaultPm !== undefined) customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: defaultPm };
  const previous = Object.fromEntries(
    Object.entries(before).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(customer[key as keyof Customer])),
  );
  if (Object.keys(previous).length) ctx.emit("customer.updated", customer, previous);
  return customer;
}

/**
 * invoice_settings[default_payment_method] (how an app remembers which saved card to charge):
 * undefined when not sent, null to unset, else a payment method attached to the customer
 * (or `attaching`, the one a create request attaches).
 */
function defaultPaymentMethod(ctx: Ctx, customerId: string, params: Params, attaching?: string): string | null | undefined {
  const settings = params.hash("invoice_settings")?.only("default_payment_method");
  if (!settings?.has("default_payment_method")) return undefined;
  const pmId = settings.string("default_payment_method");
  if (pmId && pmId !== attaching && ctx.state.paymentMethods.get(pmId)?.customer !== customerId) {
    throw invalidRequest(
      `No such PaymentMethod: '${pmId}'; It does not belong to customer ${customerId}. The payment method must be attached to the customer.`,
      "invoice_settings[default_payment_method]",
      "resource_missing",
    );
  }
  return pmId ?? null;
}

function deleteCustomer(ctx: Ctx, params: Params, id: string) {
  params.only();
  const customer = ctx.state.customer(id);
  for (const pm of ctx.state.paymentMethods.values()) if (pm.customer === id) pm.customer = null;
  ctx.emit("customer.deleted", customer);
  customer.deleted = true;
  return { id, object: "customer", deleted: true };
}

const session = (ctx: Ctx, id: string) => ctx.state.get(ctx.state.sessions, "checkout.session", id);

export const routes: Route[] = [
  ["POST", /^\/v1\/customers$/, createCustomer],
  ["GET", /^\/v1\/customers$/, (ctx, q) => list(ctx.state.customers.values(), q, "/v1/customers", ["email"], (c) => !c.deleted)],
  [
    "GET",
    /^\/v1\/customers\/([^/]+)$/,
    (ctx, q, id) => {
      const customer = ctx.state.get(ctx.state.customers, "customer", id);
      return customer.deleted ? { id, object: "customer", deleted: true } : customer;
    },
  ],
  ["POST", /^\/v1\/customers\/([^/]+)$/, updateCustomer],
  ["DELETE", /^\/v1\/customers\/([^/]+)$/, deleteCustomer],
  ["GET", /^\/v1\/customers\/([^/]+)\/payment_methods$/, (ctx, q, id) => listPaymentMethods(ctx, q, ctx.state.customer(id).id)],
  ["POST", /^\/v1\/checkout\/sessions$/, createSession],
  [
    "GET",
    /^\/v1\/checkout\/sessions$/,
    (ctx, q) => list(ctx.state.sessions.values(), q, "/v1/checkout/sessions", ["customer", "payment_intent", "status"]),
  ],
  ["GET", /^\/v1\/checkout\/sessions\/([^/]+)$/, (ctx, q, id) => session(ctx, id)],
  ["GET", /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/, (ctx, q, id) => lineItems(ctx.state, session(ctx, id).id)],
  ["POST", /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, (ctx, p, id) => expireSession(ctx, session(ctx, id))],
  ["GET", /^\/v1\/events$/, (ctx, q) => list(ctx.state.events.values(), q, "/v1/events", ["type"])],
  ["GET", /^\/v1\/events\/([^/]+)$/, (ctx, q, id) => ctx.state.get(ctx.state.events, "event", id)],
  ...paymentRoutes,
];
