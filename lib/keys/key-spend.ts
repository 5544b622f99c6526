// What each key has actually spent over its life: its calls' charges minus refunds from the hourly
// usage rollups, plus what the keys it was rotated from spent (a rotated key's successor carries the
// spend, as carryKeySpend does for capped keys). The gateway counts `api_keys.spent` only for keys
// with a cap (it locks the key row); this is the figure for every key. Usage reaches the rollups in
// batches every 250 ms, so a call of the last moment may not be in it yet.
import { db, type Prisma } from "@/lib/db";

/** Lifetime spend per key of a team, micro-units; keys without calls are absent. */
export async function lifetimeKeySpend(teamId: string, tx: Prisma.TransactionClient = db): Promise<Map<string, bigint>> {
  const [sums, rotations] = await Promise.all([
    tx.usageRollup.groupBy({ by: ["apiKeyId"], where: { teamId }, _sum: { charged: true, refunded: true } }),
    tx.apiKey.findMany({ where: { teamId, rotatedToId: { not: null } }, select: { id: true, rotatedToId: true } }),
  ]);
  const own = new Map(sums.map((sum) => [sum.apiKeyId, (sum._sum.charged ?? 0n) - (sum._sum.refunded ?? 0n)]));
  const predecessors = new Map<string, string[]>();
  for (const { id, rotatedToId } of rotations) predecessors.set(rotatedToId!, [...(predecessors.get(rotatedToId!) ?? []), id]);

  const total = new Map<string, bigint>();
  // Each key rotates at most once, so following predecessors never loops; the depth bound is a guard.
  const spendOf = (id: string, depth = 0): bigint => {
    const known = total.get(id);
    if (known !== undefined) return known;
    let sum = own.get(id) ?? 0n;
    if (depth < 50) for (const previous of predecessors.get(id) ?? []) sum += spendOf(previous, depth + 1);
    total.set(id, sum);
    return sum;
  };
  for (const id of new Set([...own.keys(), ...predecessors.keys()])) spendOf(id);
  for (const [id, sum] of total) if (sum === 0n) total.delete(id);
  return total;
}
