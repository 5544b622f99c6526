// Wire-format building blocks shared by the management API schemas. Dates travel as ISO 8601
// strings and amounts as decimal strings (lib/billing/money-schemas.ts), never as JSON numbers.
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

export const isoDateTime = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 timestamp" });
export const isoDateTimeOut = z.iso.datetime().meta({ description: "ISO 8601 timestamp (UTC)" });

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: "ISO 4217 currency code" });

export const problemSchema = z
  .looseObject({
    type: z.url(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    requestId: z.string(),
    errors: z.record(z.string(), z.string()).optional().meta({ description: "Per-field messages (validation errors)" }),
  })
  .meta({ description: "RFC 9457 problem details" });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "Page size, 1-200" }),
  cursor: z.string().min(1).max(100).optional().meta({ description: "`nextCursor` of the previous page" }),
});

/** Date -> wire. */
export const toIso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
