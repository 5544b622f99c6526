// A rotated key's successor starts with its predecessor's spend, so the two share one spend cap
// through the grace period instead of doubling it. Called inside the rotation's transaction, after
// it locked the old key row, so the spend read here is the latest the gateway wrote.
import type { Prisma } from "@/lib/db";

export async function carryKeySpend(tx: Prisma.TransactionClient, from: { keyId: string }, to: { keyId: string }): Promise<void> {
  await tx.$executeRaw`UPDATE api_keys SET spent = (SELECT spent FROM api_keys WHERE id = ${from.keyId}) WHERE id = ${to.keyId}`;
}
