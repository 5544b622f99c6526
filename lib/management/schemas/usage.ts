// Usage reports on the wire.
import { z } from "zod";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import { apiSlugSchema } from "@/lib/catalog/api-schemas";
import type { UsageTotals } from "@/lib/usage/usage-summary";
import { currencySchema, isoDateTimeOut } from "@/lib/management/schemas/common";

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "Use an ISO 8601 timestamp such as 2025-01-31T00:00:00Z, or a date such as 2025-01-31.",
  })
  .meta({ description: "ISO 8601 timestamp or date (UTC midnight)" });

export const usageQuerySchema = z.object({
  from: instant.optional().meta({ description: "Start, inclusive; default `to` minus 24 hours" }),
  to: instant.optional().meta({ description: "End, exclusive; default now. At most 366 days after `from`" }),
  api: apiSlugSchema.optional().meta({ description: "Only this API (slug)" }),
});

const totalsSchema = z.object({
  requests: z.number().int(),
  errors: z.number().int().meta({ description: "Calls answered with status 400 or above" }),
  charged: moneyString,
  refunded: moneyString,
  avgLatencyMs: z.number().nullable(),
});

export const usageSchema = z.object({
  from: isoDateTimeOut,
  to: isoDateTimeOut,
  api: z.string().nullable(),
  currency: currencySchema,
  totals: totalsSchema,
  byApi: z.array(totalsSchema.extend({ api: z.string().nullable() })),
  byDay: z.array(totalsSchema.extend({ day: z.iso.date() })),
});

export function toTotalsResponse<T extends UsageTotals>(totals: T) {
  return { ...totals, charged: toMoneyString(totals.charged), refunded: toMoneyString(totals.refunded) };
}
