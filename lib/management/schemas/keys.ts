// Team API keys on the wire. These output schemas are the reason a key hash can never leave the
// API: responses are parsed through them, and anything not listed here (the hash) is dropped.
import { z } from "zod";
import { decimalAmount, moneyString } from "@/lib/billing/money-schemas";
import { apiSlugSchema } from "@/lib/catalog/api-schemas";
import { isoDateTime, isoDateTimeOut } from "@/lib/management/schemas/common";

export const keyScopesSchema = z.object({
  apis: z
    .union([z.literal("all"), z.array(apiSlugSchema).min(1).max(100)])
    .default("all")
    .meta({ description: '"all" for every API the team subscribes to, or a list of API slugs' }),
  manage: z.boolean().default(false).meta({ description: "May call this management API for its own team" }),
});

export const createKeyBodySchema = z.object({
  name: z.string().trim().min(1).max(60),
  mode: z.enum(["live", "test"]).default("live"),
  scopes: keyScopesSchema.default({ apis: "all", manage: false }),
  expiresAt: isoDateTime.nullable().optional().meta({ description: "When the key stops working (ISO 8601); omit for never" }),
  spendCap: decimalAmount.nullable().optional().meta({ description: "Lifetime spend limit of this key as a decimal string" }),
});

export const updateKeyBodySchema = z
  .object({
    name: z.string().trim().min(1).max(60).optional(),
    expiresAt: isoDateTime.nullable().optional().meta({ description: "When the key stops working (ISO 8601); null for never" }),
    spendCap: decimalAmount
      .nullable()
      .optional()
      .meta({ description: "Lifetime spend limit as a decimal string: raise or lower it, or null to remove it" }),
  })
  .refine((body) => body.name !== undefined || body.expiresAt !== undefined || body.spendCap !== undefined, {
    message: "Send at least one of name, expiresAt and spendCap.",
  });

export const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  lastFour: z.string(),
  masked: z.string().meta({ description: "Prefix and last four characters, for display" }),
  mode: z.enum(["live", "test"]),
  scopes: z.object({ apis: z.union([z.literal("all"), z.array(z.string())]), manage: z.boolean() }),
  status: z.enum(["active", "expired", "revoked", "rotating", "rotated"]),
  expiresAt: isoDateTimeOut.nullable(),
  revokedAt: isoDateTimeOut.nullable(),
  spendCap: moneyString.nullable(),
  spent: moneyString,
  lastUsedAt: isoDateTimeOut.nullable(),
  createdAt: isoDateTimeOut,
  rotatedToId: z.string().nullable(),
});

export const createdKeySchema = keySchema.extend({
  key: z.string().meta({ description: "The full key. Shown in this response only: store it now" }),
});

export const keyListSchema = z.object({ data: z.array(keySchema) });

export type CreateKeyBody = z.output<typeof createKeyBodySchema>;
export type UpdateKeyBody = z.output<typeof updateKeyBodySchema>;
export type KeyResponse = z.input<typeof keySchema>;
