// Creating a Checkout Session (mode=payment) from the parameters the SDK sends, with Stripe's
// checks on them: line items priced with price_data, one currency, a total within Stripe's bounds.
// What the session was created with but does not show (line items, payment_intent_data) is kept
// in SessionDetails for the payment step.
import { invalidRequest, noSuch } from "./errors";
import type { Params } from "./form";
import { MAX_AMOUNT, MIN_AMOUNT, newId, now } from "./objects";
import type { Ctx } from "./payments";

export type SessionDetails = {
  lineItems: ReturnType<typeof lineItem>[];
  paymentIntentData: {
    metadata: Record<string, string>;
    description?: string;
    setup_future_usage?: "on_session" | "off_session";
    receipt_email?: string;
  };
  /** saved_payment_method_options.payment_method_save=enabled: the page offers "save card" */
  saveOffered: boolean;
};

export function createSession(ctx: Ctx, params: Params) {
  params.only(
    "mode",
    "line_items",
    "customer",
    "customer_email",
    "customer_creation",
    "client_reference_id",
    "metadata",
    "payment_intent_data",
    "success_url",
    "cancel_url",
    "payment_method_types",
    "expires_at",
    "locale",
    "submit_type",
    "saved_payment_method_options",
    "allow_promotion_codes",
    "billing_address_collection",
  );
  const mode = params.oneOf("mode", ["payment", "setup", "subscription"], true);
  if (mode !== "payment") throw invalidRequest(`The local Stripe server supports mode=payment only.`, "mode");
  const customer = params.string("customer");
  if (customer) ctx.state.customer(customer, "customer");
  const customerEmail = params.string("customer_email");
  const customerCreation = params.oneOf("customer_creation", ["always", "if_required"]);
  if (customer && (customerEmail || customerCreation)) {
    throw invalidRequest(
      `You may only specify one of these parameters: customer, ${customerEmail ? "customer_email" : "customer_creation"}.`,
      "customer",
    );
  }
  for (const key of ["success_url", "cancel_url"]) {
    const url = params.string(key);
    if (url !== undefined && !URL.canParse(url)) throw invalidRequest(`Not a valid URL`, key, "url_invalid");
  }
  const created = now();
  const expiresAt = params.int("expires_at") ?? created + 24 * 3600;
  if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
    throw invalidRequest(
      `The \`expires_at\` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.`,
      "expires_at",
    );
  }

  const items = params.list("line_items");
  if (items.length === 0) throw invalidRequest("`line_items` is required in `payment` mode.", "line_items", "parameter_missing");
  const lineItems = items.map(lineItem);
  const currency = lineItems[0].currency;
  if (lineItems.some((item) => item.currency !== currency))
    throw invalidRequest(`All line items must use the same currency.`, "line_items");
  const total = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  if (total < MIN_AMOUNT)
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${MIN_AMOUNT} (${currency}).`,
      "line_items",
      "amount_too_small",
    );
  if (total > MAX_AMOUNT)
    throw invalidRequest(
      `The Checkout Session's total amount due must be no more than ${MAX_AMOUNT} (${currency}).`,
      "line_items",
      "amount_too_large",
    );

  const pid = params
    .hash("payment_intent_data")
    ?.only("metadata", "description", "setup_future_usage", "receipt_email", "statement_descriptor_suffix");
  const save = params.hash("saved_payment_method_options")?.only("payment_method_save", "allow_redisplay_filters");
  const id = newId("cs_test_", 58);
  const session = {
    id,
    object: "checkout.session" as const,
    after_expiration: null,
    allow_promotion_codes: params.bool("allow_promotion_codes") ?? null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_address_collection: params.string("billing_address_collection") ?? null,
    cancel_url: params.string("cancel_url") ?? null,
    client_reference_id: params.string("client_reference_id") ?? null,
    created,
    currency,
    customer: customer ?? null,
    customer_creation: customer ? null : (customerCreation ?? "if_required"),
    customer_details: null as { email: string | null; name: null; phone: null; address: null; tax_exempt: "none"; tax_ids: [] } | null,
    customer_email: customerEmail ?? null,
    expires_at: expiresAt,
    livemode: false,
    locale: params.string("locale") ?? null,
    metadata: params.metadata() ?? {},
    mode: "payment" as const,
    payment_intent: null as string | null,
    payment_method_types: params.strings("payment_method_types").length ? params.strings("payment_method_types") : ["card"],
    payment_status: "unpaid" as "paid" | "unpaid",
    saved_payment_method_options: save ? { payment_method_save: save.oneOf("payment_method_save", ["enabled", "disabled"]) ?? null } : null,
    status: "open" as "open" | "complete" | "expired",
    submit_type: params.string("submit_type") ?? null,
    success_url: params.string("success_url") ?? null,
    ui_mode: "hosted",
    url: `${ctx.state.publicUrl}/checkout/${id}` as string | null,
  };
  ctx.state.sessions.set(id, session);
  ctx.state.sessionDetails.set(id, {
    lineItems,
    paymentIntentData: {
      metadata: pid?.metadata() ?? {},
      description: pid?.string("description"),
      setup_future_usage: pid?.oneOf("setup_future_usage", ["on_session", "off_session"]),
      receipt_email: pid?.string("receipt_email"),
    },
    saveOffered: session.saved_payment_method_options?.payment_method_save === "enabled",
  });
  return session;
}
export type CheckoutSession = ReturnType<typeof createSession>;

function lineItem(item: Params) {
  item.only("price_data", "quantity", "price", "adjustable_quantity");
  const price = item.string("price");
  if (price) throw noSuch("price", price, item.name("price"));
  const data = item.hash("price_data");
  if (!data) throw invalidRequest(`Missing required param: ${item.name("price_data")}.`, item.name("price_data"), "parameter_missing");
  data.only("currency", "unit_amount", "unit_amount_decimal", "product_data", "product", "tax_behavior");
  const product = data.string("product");
  if (product) throw noSuch("product", product, data.name("product"));
  const productData = data.hash("product_data");
  if (!productData)
    throw invalidRequest(`Missing required param: ${data.name("product_data")}.`, data.name("product_data"), "parameter_missing");
  const name = productData.only("name", "description", "metadata", "images").string("name", true)!;
  const currency = data.currency();
  const unitAmount =
    data.int("unit_amount", { required: !data.has("unit_amount_decimal"), min: 0 }) ??
    Math.round(Number(data.string("unit_amount_decimal")));
  const quantity = item.int("quantity", { required: true, min: 1 })!;
  return {
    id: newId("li_"),
    object: "item" as const,
    amount_discount: 0,
    amount_subtotal: unitAmount * quantity,
    amount_tax: 0,
    amount_total: unitAmount * quantity,
    currency,
    description: name,
    price: {
      id: newId("price_"),
      object: "price" as const,
      active: false,
      billing_scheme: "per_unit",
      created: now(),
      currency,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: newId("prod_", 14),
      recurring: null,
      tax_behavior: data.string("tax_behavior") ?? "unspecified",
      type: "one_time",
      unit_amount: unitAmount,
      unit_amount_decimal: String(unitAmount),
    },
    quantity,
  };
}
