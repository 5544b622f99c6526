// Revoking a key: immediate on this instance (the cache entry is dropped), and on every other
// instance within the key cache's 5 s TTL, usually at once (lib/cache). Revoking twice changes nothing.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { checkKeyAccess, keyAccessFor } from "@/lib/keys/key-access";
import { findTeamApiKey } from "@/lib/keys/find-team-api-key";
import { auditKeyChange } from "@/lib/keys/insert-api-key";
import { toPublicApiKey, type PublicApiKey } from "@/lib/keys/public-api-key";

export async function revokeApiKey(teamId: string, keyId: string, actor: Actor): Promise<PublicApiKey> {
  const access = await keyAccessFor(actor, teamId);
  const key = await findTeamApiKey(teamId, keyId);
  checkKeyAccess(access, "manage_any", key.createdById);
  if (key.revokedAt) return toPublicApiKey(key);

  const row = await db.$transaction(async (tx) => {
    // Conditional, so of two concurrent revocations only one writes and audits.
    const { count } = await tx.apiKey.updateMany({ where: { id: key.id, teamId, revokedAt: null }, data: { revokedAt: new Date() } });
    const current = await findTeamApiKey(teamId, key.id, tx);
    if (count === 1) await auditKeyChange(tx, actor, "api_key.revoked", current);
    return current;
  });
  invalidate("api-key", key.hash);
  return toPublicApiKey(row);
}
