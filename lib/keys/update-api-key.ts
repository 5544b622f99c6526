// Changing a key after it was made: its name, expiry and spend cap (raise, lower, remove). The key
// itself does not change. Audit-logged with what changed; the key caches of every instance forget the
// key (and the keys rotated into it, whose calls count against its cap) through lib/cache.
import { z } from "zod";
import { db, type ApiKey, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { startKeySpendCount } from "@/lib/billing/ledger/start-key-spend-count";
import { checkKeyAccess, keyAccessFor } from "@/lib/keys/key-access";
import { createApiKeySchema } from "@/lib/keys/create-api-key";
import { findTeamApiKey } from "@/lib/keys/find-team-api-key";
import { auditKeyChange } from "@/lib/keys/insert-api-key";
import { lifetimeKeySpend } from "@/lib/keys/key-spend";
import { apiKeyStatus, toPublicApiKey, type PublicApiKey } from "@/lib/keys/public-api-key";
import { invalid, validateInput } from "@/lib/validation";

/** Absent: unchanged. `expiresAt` and `spendCap` null: never / no cap. */
export const updateApiKeySchema = z.object({
  name: createApiKeySchema.shape.name.optional(),
  expiresAt: createApiKeySchema.shape.expiresAt.unwrap().nullable().optional(),
  spendCap: createApiKeySchema.shape.spendCap.unwrap().nullable().optional(),
});

export type UpdateApiKeyInput = z.input<typeof updateApiKeySchema>;

export async function updateApiKey(teamId: string, keyId: string, input: UpdateApiKeyInput, actor: Actor): Promise<PublicApiKey> {
  const changes = validateInput(updateApiKeySchema, input);
  if (changes.name === undefined && changes.expiresAt === undefined && changes.spendCap === undefined) {
    throw invalid({ form: "Change the name, the expiry or the spend cap." });
  }
  const access = await keyAccessFor(actor, teamId);
  const key = await findTeamApiKey(teamId, keyId);
  checkKeyAccess(access, "manage_any", key.createdById);
  const status = apiKeyStatus(key);
  if (status === "rotating") throw new AppError("conflict", "This key was rotated: change its replacement instead.");
  if (status !== "active") throw new AppError("conflict", `This key is ${status}; create a new key instead.`);

  const updated = await db.$transaction(async (tx) => {
    // Locks the row: a concurrent charge of a capped key waits, so the spend read next is the latest.
    await tx.$executeRaw`SELECT 1 FROM api_keys WHERE id = ${key.id} FOR UPDATE`;
    const current = await findTeamApiKey(teamId, key.id, tx);
    if (changes.spendCap != null && current.spendCap === null) {
      await startKeySpendCount(tx, current.id, (await lifetimeKeySpend(teamId, tx)).get(current.id) ?? 0n);
    }
    const row = await tx.apiKey.update({ where: { id: current.id }, data: changes });
    await auditKeyChange(tx, actor, "api_key.updated", row, { changes: describeChanges(current, row) });
    return row;
  });
  for (const hash of [key.hash, ...(await rotatedInto(key.id))]) invalidate("api-key", hash);
  return toPublicApiKey(updated);
}

/** `{ spendCap: { from: "5000000", to: null } }`: only the fields that changed; amounts in micro-units. */
function describeChanges(before: ApiKey, after: ApiKey): Prisma.InputJsonObject {
  const shown = (value: string | bigint | Date | null) =>
    value === null ? null : value instanceof Date ? value.toISOString() : String(value);
  const changed: Record<string, Prisma.InputJsonObject> = {};
  for (const field of ["name", "expiresAt", "spendCap"] as const) {
    const [from, to] = [shown(before[field]), shown(after[field])];
    if (from !== to) changed[field] = { from, to };
  }
  return changed;
}

/** Hashes of the keys rotated into this one, still cached with its cap while in their grace period. */
async function rotatedInto(keyId: string): Promise<string[]> {
  const hashes: string[] = [];
  let ids = [keyId];
  for (let depth = 0; ids.length > 0 && depth < 50; depth++) {
    const previous = await db.apiKey.findMany({ where: { rotatedToId: { in: ids } }, select: { id: true, hash: true } });
    hashes.push(...previous.map((row) => row.hash));
    ids = previous.map((row) => row.id);
  }
  return hashes;
}
