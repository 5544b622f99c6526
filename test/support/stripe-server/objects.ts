// Factories for the Stripe objects this server keeps, with the fields (and `null`s) Stripe returns,
// so code written against these objects reads the same fields it will read in production.
// Each object's type is its factory's return type.
import crypto from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function newId(prefix: string, length = 24): string {
  const bytes = crypto.randomBytes(length);
  return prefix + Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export const now = () => Math.floor(Date.now() / 1000);

/** Stripe's bounds for one payment, in minor units (its minimum is about 0.50 of the currency). */
export const MIN_AMOUNT = 50;
export const MAX_AMOUNT = 99_999_999;

type Metadata = Record<string, string>;

export function customerObject(fields: { email?: string; name?: string; description?: string; phone?: string; metadata?: Metadata }) {
  const id = newId("cus_", 14);
  return {
    id,
    object: "customer" as const,
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    deleted: undefined as true | undefined,
    delinquent: false,
    description: fields.description ?? null,
    discount: null,
    email: fields.email ?? null,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null as string | null, footer: null, rendering_options: null },
    livemode: false,
    metadata: fields.metadata ?? {},
    name: fields.name ?? null,
    phone: fields.phone ?? null,
    preferred_locales: [] as string[],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}
export type Customer = ReturnType<typeof customerObject>;

/** Every payment method is the test Visa 4242; only its owner changes. */
export function paymentMethodObject(email: string | null) {
  const fingerprint = newId("", 16);
  return {
    id: newId("pm_"),
    object: "payment_method" as const,
    allow_redisplay: "unspecified" as "unspecified" | "always" | "limited",
    billing_details: { address: null, email, name: null, phone: null },
    card: {
      brand: "visa",
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: "visa",
      exp_month: 12,
      exp_year: new Date().getFullYear() + 3,
      fingerprint,
      funding: "credit",
      last4: "4242",
      networks: { available: ["visa"], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now(),
    customer: null as string | null,
    livemode: false,
    metadata: {} as Metadata,
    type: "card" as const,
  };
}
export type PaymentMethod = ReturnType<typeof paymentMethodObject>;

export type PaymentIntentStatus = "requires_payment_method" | "requires_confirmation" | "processing" | "succeeded" | "canceled";

export function paymentIntentObject(fields: {
  amount: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  metadata: Metadata;
  description?: string | null;
  receipt_email?: string | null;
  setup_future_usage?: string | null;
}) {
  const id = newId("pi_");
  return {
    id,
    object: "payment_intent" as const,
    amount: fields.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${newId("", 25)}`,
    confirmation_method: "automatic",
    created: now(),
    currency: fields.currency,
    customer: fields.customer,
    description: fields.description ?? null,
    last_payment_error: null as Record<string, unknown> | null,
    latest_charge: null as string | null,
    livemode: false,
    metadata: fields.metadata,
    next_action: null,
    payment_method: fields.payment_method,
    payment_method_types: ["card"],
    processing: null,
    receipt_email: fields.receipt_email ?? null,
    setup_future_usage: fields.setup_future_usage ?? null,
    shipping: null,
    statement_descriptor: null,
    status: (fields.payment_method ? "requires_confirmation" : "requires_payment_method") as PaymentIntentStatus,
  };
}
export type PaymentIntent = ReturnType<typeof paymentIntentObject>;

export function chargeObject(pi: PaymentIntent, pm: PaymentMethod, receiptUrl: (id: string) => string) {
  const id = newId("ch_");
  return {
    id,
    object: "charge" as const,
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: pm.billing_details,
    captured: false,
    created: now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_code: null as string | null,
    failure_message: null as string | null,
    livemode: false,
    metadata: pi.metadata,
    outcome: null as Record<string, unknown> | null,
    paid: false,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: {
      card: {
        brand: pm.card.brand,
        country: "US",
        exp_month: pm.card.exp_month,
        exp_year: pm.card.exp_year,
        fingerprint: pm.card.fingerprint,
        funding: "credit",
        last4: pm.card.last4,
      },
      type: "card",
    },
    receipt_email: pi.receipt_email,
    receipt_url: receiptUrl(id),
    refunded: false,
    // Current API versions leave `refunds` out unless expanded; it is kept here so a charge.refunded
    // event shows every refund of the charge without another request.
    refunds: { object: "list" as const, data: [] as Refund[], has_more: false, total_count: 0, url: `/v1/charges/${id}/refunds` },
    status: "pending" as "pending" | "succeeded" | "failed",
  };
}
export type Charge = ReturnType<typeof chargeObject>;

export function refundObject(
  charge: { id: string; currency: string; payment_intent: string },
  amount: number,
  reason: string | null,
  metadata: Metadata,
) {
  return {
    id: newId("re_"),
    object: "refund" as const,
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: now(),
    currency: charge.currency,
    destination_details: {
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
      type: "card",
    },
    metadata,
    payment_intent: charge.payment_intent,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}
export type Refund = ReturnType<typeof refundObject>;
