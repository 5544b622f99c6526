// Ending a grant: the grant, its hidden key and every token it issued, in one transaction, then the
// key cache is told (this instance at once, the others over LISTEN/NOTIFY, at worst after the key
// cache's TTL). The access tokens are refused from the next request on because verification reads
// them from the database. Revoking twice changes nothing.
import { db, type Prisma } from "@/lib/db";
import { invalidate } from "@/lib/cache/invalidate";

export type GrantRevocationReason = "revoked_by_member" | "revoked_by_client" | "refresh_token_reuse" | "code_replay" | "member_left";

/** Returns whether this call revoked it (false when it was already revoked or does not exist). */
export async function revokeGrant(grantId: string, reason: GrantRevocationReason): Promise<boolean> {
  const keyHash = await db.$transaction((tx) => revokeGrantIn(tx, grantId, reason));
  if (keyHash) invalidate("api-key", keyHash);
  return keyHash !== null;
}

/** Inside a caller's transaction; the caller invalidates the returned key hash after it commits. */
export async function revokeGrantIn(tx: Prisma.TransactionClient, grantId: string, reason: GrantRevocationReason): Promise<string | null> {
  const now = new Date();
  // Conditional, so of two concurrent revocations only one writes.
  const { count } = await tx.oAuthGrant.updateMany({
    where: { id: grantId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  if (count === 0) return null;
  const grant = await tx.oAuthGrant.findUniqueOrThrow({
    where: { id: grantId },
    select: { apiKeyId: true, apiKey: { select: { hash: true } } },
  });
  await tx.apiKey.updateMany({ where: { id: grant.apiKeyId, revokedAt: null }, data: { revokedAt: now } });
  await tx.oAuthToken.updateMany({ where: { grantId, revokedAt: null }, data: { revokedAt: now } });
  return grant.apiKey.hash;
}
