// zod schemas for the few fields we read from verified event objects. The signature proves who
// sent the event, not that its shape is what this code expects; parsing also drops everything
// else (card details included) before anything is stored or logged.
import { z } from "zod";

const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});
const idOrObject = z
  .union([z.string(), z.object({ id: z.string() })])
  .nullish()
  .transform((value) => (typeof value === "string" ? value : (value?.id ?? null)));

export const checkoutSessionSchema = z.object({
  id: z.string(),
  payment_status: z.string(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  client_reference_id: z.string().nullish(),
  payment_intent: idOrObject,
  metadata,
});
export type CheckoutSessionFields = z.infer<typeof checkoutSessionSchema>;

export const chargeSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  payment_intent: idOrObject,
  metadata,
});
export type ChargeFields = z.infer<typeof chargeSchema>;

export const paymentIntentSchema = z.object({ id: z.string(), metadata });
