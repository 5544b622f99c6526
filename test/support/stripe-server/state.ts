// The server's in-memory account: every object by id, plus the reads every endpoint shares
// (lookups that answer Stripe's "No such …" errors, cursor-paginated lists and `expand[]`).
import type { CheckoutSession, SessionDetails } from "./checkout-session";
import { invalidRequest, noSuch } from "./errors";
import type { Params } from "./form";
import type { Charge, Customer, PaymentIntent, PaymentMethod, Refund } from "./objects";
import type { StripeEvent } from "./webhooks";

export type DeclineReason = "card_declined" | "insufficient_funds" | "authentication_required";

type Listable = { id: string; created: number };

export class State {
  readonly customers = new Map<string, Customer>();
  readonly sessions = new Map<string, CheckoutSession>();
  /** What a session was created with but Stripe does not show on it (line items, payment_intent_data). */
  readonly sessionDetails = new Map<string, SessionDetails>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  readonly events = new Map<string, StripeEvent>();
  /** customer id → how the next API-confirmed PaymentIntent of that customer fails */
  readonly failNext = new Map<string, DeclineReason>();

  /** `publicUrl` is where browsers reach the hosted pages (checkout, receipts). */
  constructor(readonly publicUrl: string) {}

  /** Finds any object by id; its prefix says which collection (used by expand). */
  find(id: string): { object: string } | undefined {
    for (const map of [this.customers, this.sessions, this.paymentIntents, this.charges, this.refunds, this.paymentMethods, this.events]) {
      const found = (map as Map<string, { object: string }>).get(id);
      if (found) return found;
    }
    return undefined;
  }

  /** 404 for an id in the path (no `param`), 400 with `param` for an id sent as a parameter. */
  get<T>(map: Map<string, T>, kind: string, id: string, param?: string): T {
    const found = map.get(id);
    if (!found) throw noSuch(kind, id, param);
    return found;
  }

  customer(id: string, param?: string): Customer {
    const customer = this.get(this.customers, "customer", id, param);
    if (customer.deleted) throw noSuch("customer", id, param);
    return customer;
  }
}

/**
 * Stripe's list envelope, newest first, with limit (1–100, default 10) and cursor pagination.
 * `filters` are query parameters that must equal the field of the same name (`?customer=cus_…`).
 */
export function list<T extends Listable>(
  items: Iterable<T>,
  query: Params,
  url: string,
  filters: (keyof T & string)[] = [],
  filter = (_item: T) => true,
) {
  query.only("limit", "starting_after", "ending_before", ...filters);
  const matches = (item: T) => filter(item) && filters.every((key) => !query.has(key) || item[key] === query.string(key));
  const limit = query.int("limit", { min: 1 }) ?? 10;
  if (limit > 100) throw invalidRequest("This value must be less than or equal to 100.", "limit");
  const all = [...items].filter(matches).reverse(); // Maps keep insertion order, which is creation order
  const after = query.string("starting_after");
  const before = query.string("ending_before");
  let start = 0;
  let end = all.length;
  if (after !== undefined) start = cursor(all, after, "starting_after") + 1;
  if (before !== undefined) end = cursor(all, before, "ending_before");
  const page = before !== undefined ? all.slice(Math.max(start, end - limit), end) : all.slice(start, start + limit);
  const hasMore = before !== undefined ? end - page.length > start : start + page.length < end;
  return { object: "list" as const, data: page, has_more: hasMore, url };
}

function cursor(items: Listable[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw invalidRequest(`No such object: '${id}'`, param, "resource_missing");
  return index;
}

/**
 * `expand[]=payment_intent.latest_charge`: each dotted segment that holds an id is replaced by a copy
 * of that object; a segment over a list (`data.customer`) applies to every item.
 * `line_items` of a checkout session is a list Stripe only returns when expanded.
 */
export function expand(state: State, value: unknown, paths: string[]): unknown {
  let result = structuredClone(value);
  paths.forEach((path, i) => {
    const segments = path.split(".");
    if (segments.length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property.`, `expand[${i}]`);
    result = expandPath(state, result, segments, `expand[${i}]`);
  });
  return result;
}

function expandPath(state: State, node: unknown, segments: string[], param: string): unknown {
  if (segments.length === 0 || node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((item) => expandPath(state, item, segments, param));
  const record = node as Record<string, unknown>;
  const [field, ...rest] = segments;
  let value = record[field];
  if (record.object === "checkout.session" && field === "line_items") {
    value = lineItems(state, String(record.id));
  } else if (typeof value === "string" && field !== "id" && field !== "object") {
    const found = state.find(value);
    if (!found) throw invalidRequest(`This property cannot be expanded (${field}).`, param);
    value = structuredClone(found);
  } else if (value === undefined || (rest.length === 0 && value !== null)) {
    throw invalidRequest(`This property cannot be expanded (${field}).`, param);
  }
  record[field] = expandPath(state, value, rest, param);
  return record;
}

/** A session's line items, in the order they were given (Stripe returns them in one page). */
export function lineItems(state: State, sessionId: string) {
  const data = state.sessionDetails.get(sessionId)?.lineItems ?? [];
  return { object: "list" as const, data, has_more: false, url: `/v1/checkout/sessions/${sessionId}/line_items` };
}
