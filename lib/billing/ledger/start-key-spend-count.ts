// A key that gets a spend cap for the first time: the gateway kept no count of its spend (it counts
// `spent` only for capped keys), so the count starts at what the key actually spent (lib/keys/key-spend.ts),
// and a cap below that stops the key at once. In the transaction that sets the cap, while the key has none.
import type { Prisma } from "@/lib/db";

export async function startKeySpendCount(tx: Prisma.TransactionClient, keyId: string, spent: bigint): Promise<void> {
  await tx.$executeRaw`UPDATE api_keys SET spent = ${spent} WHERE id = ${keyId} AND "spendCap" IS NULL`;
}
