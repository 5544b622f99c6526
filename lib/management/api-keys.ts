// The management API's view of team keys: scopes by API slug on the wire, by API id in the keys
// domain (lib/keys), amounts as decimal strings, dates as ISO strings.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decimalToMicros } from "@/lib/money";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { visibleApisWhere } from "@/lib/catalog/api-visibility";
import type { CreateApiKeyInput } from "@/lib/keys/create-api-key";
import type { PublicApiKey } from "@/lib/keys/public-api-key";
import type { UpdateApiKeyInput } from "@/lib/keys/update-api-key";
import type { CreateKeyBody, KeyResponse, UpdateKeyBody } from "@/lib/management/schemas/keys";
import { toIso } from "@/lib/management/schemas/common";

/** Domain field names in lib/keys errors -> the names the caller sent. */
const WIRE_FIELDS: Record<string, string> = { scopeAllApis: "scopes.apis", scopeApiIds: "scopes.apis", scopeManage: "scopes.manage" };

async function apiIdsForSlugs(teamId: string, slugs: string[]): Promise<string[]> {
  const apis = await db.api.findMany({
    where: { slug: { in: slugs }, ...visibleApisWhere({ kind: "team", teamId }) },
    select: { id: true, slug: true },
  });
  const missing = slugs.filter((slug) => !apis.some((api) => api.slug === slug));
  if (missing.length)
    throw new AppError("validation_failed", `Unknown API: ${missing.join(", ")}.`, {
      "scopes.apis": `Unknown API: ${missing.join(", ")}.`,
    });
  return apis.map((api) => api.id);
}

export async function toCreateApiKeyInput(teamId: string, body: CreateKeyBody): Promise<CreateApiKeyInput> {
  const { apis, manage } = body.scopes;
  return {
    name: body.name,
    mode: body.mode,
    scopeAllApis: apis === "all",
    scopeApiIds: apis === "all" ? [] : await apiIdsForSlugs(teamId, apis),
    scopeManage: manage,
    expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    spendCap: body.spendCap ? decimalToMicros(body.spendCap) : null,
  };
}

/** A PATCH body in the keys domain's terms: absent stays absent (unchanged), null stays null (never / no cap). */
export function toUpdateApiKeyInput(body: UpdateKeyBody): UpdateApiKeyInput {
  return {
    name: body.name,
    expiresAt: body.expiresAt === undefined ? undefined : body.expiresAt === null ? null : new Date(body.expiresAt),
    spendCap: body.spendCap === undefined ? undefined : body.spendCap === null ? null : decimalToMicros(body.spendCap),
  };
}

/** Renames the fields of a keys-domain validation error to the wire names. */
export function toWireKeyError(error: unknown): unknown {
  if (!(error instanceof AppError) || !error.fieldErrors) return error;
  const renamed = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [WIRE_FIELDS[field] ?? field, message]));
  return new AppError(error.code, error.message, renamed);
}

export async function toKeyResponses(keys: PublicApiKey[]): Promise<KeyResponse[]> {
  const ids = [...new Set(keys.flatMap((key) => key.scopeApiIds))];
  const apis = ids.length ? await db.api.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }) : [];
  const slugById = new Map(apis.map((api) => [api.id, api.slug]));
  return keys.map((key) => ({
    ...key,
    mode: key.prefix === "tg_test_" ? "test" : "live",
    scopes: { apis: key.scopeAllApis ? "all" : key.scopeApiIds.flatMap((id) => slugById.get(id) ?? []), manage: key.scopeManage },
    expiresAt: toIso(key.expiresAt),
    revokedAt: toIso(key.revokedAt),
    spendCap: key.spendCap === null ? null : toMoneyString(key.spendCap),
    spent: toMoneyString(key.spent),
    lastUsedAt: toIso(key.lastUsedAt),
    createdAt: key.createdAt.toISOString(),
  }));
}
