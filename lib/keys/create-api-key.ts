// Creating a team key. The key is returned once, here, and never again: only its SHA-256 is kept.
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { assertCanManageKeys } from "@/lib/keys/key-access";
import { auditKeyChange, insertApiKey } from "@/lib/keys/insert-api-key";
import { toPublicApiKey, type PublicApiKey } from "@/lib/keys/public-api-key";
import { invalid, validateInput } from "@/lib/validation";

export const MAX_ACTIVE_KEYS_PER_TEAM = 100;

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(60, "Use at most 60 characters."),
  mode: z.enum(["live", "test"]).default("live"),
  scopeAllApis: z.boolean().default(true),
  scopeApiIds: z.array(z.string().min(1).max(64)).max(100, "Pick at most 100 APIs.").default([]),
  scopeManage: z.boolean().default(false),
  expiresAt: z.coerce
    .date({ error: "Enter a valid date." })
    .refine((date) => date.getTime() > Date.now(), "The expiry must be in the future.")
    .nullable()
    .default(null),
  spendCap: z.coerce
    .bigint({ error: "Enter the cap as a whole number of micro-units." })
    .refine((cap) => cap > 0n, "The spend cap must be more than zero.")
    .nullable()
    .default(null),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export async function createApiKey(teamId: string, input: CreateApiKeyInput, actor: Actor): Promise<{ key: string; apiKey: PublicApiKey }> {
  const { mode, ...fields } = validateInput(createApiKeySchema, input);
  await assertCanManageKeys(actor, teamId, fields.scopeManage ? "create_manage" : "create");
  const scopeApiIds = fields.scopeAllApis ? [] : await existingApiIds(fields.scopeApiIds);

  const { key, row } = await db.$transaction(async (tx) => {
    await assertRoomForKey(tx, teamId);
    const created = await insertApiKey(tx, teamId, mode, { ...fields, scopeApiIds }, actor);
    await auditKeyChange(tx, actor, "api_key.created", created.row);
    return created;
  });
  return { key, apiKey: toPublicApiKey(row) };
}

/** A key limited to APIs must name at least one, and each must exist. */
async function existingApiIds(ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw invalid({ scopeApiIds: "Pick at least one API, or allow all subscribed APIs." });
  const found = await db.api.findMany({ where: { id: { in: unique } }, select: { id: true } });
  if (found.length !== unique.length) throw invalid({ scopeApiIds: "One of the chosen APIs does not exist." });
  return unique;
}

/** Counted under a per-team advisory lock, so concurrent creations cannot pass the cap together. */
async function assertRoomForKey(tx: Prisma.TransactionClient, teamId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`api_keys:${teamId}`}))`;
  const now = new Date();
  const active = await tx.apiKey.count({
    where: { teamId, kind: "STANDARD", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  if (active >= MAX_ACTIVE_KEYS_PER_TEAM) {
    throw invalid({ form: `A team can have at most ${MAX_ACTIVE_KEYS_PER_TEAM} active keys. Revoke one you no longer use.` });
  }
}
