// What the gateway needs to serve `GET /api/gateway/bench/...`: a team with a large balance (and the
// GRANT that explains it, so the ledger invariant holds), a published API on the bench upstream,
// a priced plan whose rate limit never triggers, an active subscription and a key.
import { db } from "@/lib/db";
import { generateApiKey } from "@/lib/keys/key-format";

export const BENCH_SLUG = "bench";
export const PRICE_PER_CALL = 1_000n; // micro-units
const BALANCE = 1_000_000n * 1_000_000n; // 1,000,000 units of the currency

export type BenchSeed = { teamId: string; key: string; price: bigint };

/** Uses lib/db, so DATABASE_URL must point at the bench database before this runs. */
export async function seedBench(upstreamUrl: string): Promise<BenchSeed> {
  const generated = generateApiKey("live");
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: {
        slug: "bench-team",
        name: "Bench",
        balance: BALANCE,
        ledgerEntries: { create: { kind: "GRANT", amount: BALANCE, balanceAfter: BALANCE, reason: "npm run bench" } },
      },
    });
    const api = await tx.api.create({
      data: {
        slug: BENCH_SLUG,
        name: "Bench upstream",
        status: "PUBLISHED",
        visibility: "PUBLIC",
        upstreamBaseUrl: upstreamUrl,
        publishedAt: new Date(),
        plans: { create: { slug: "bench", name: "Bench", pricePerCall: PRICE_PER_CALL, rateLimit: 100_000_000, rateLimitWindowSec: 60 } },
      },
      include: { plans: true },
    });
    await tx.subscription.create({
      data: { teamId: team.id, apiId: api.id, planId: api.plans[0]!.id, status: "ACTIVE", decidedAt: new Date() },
    });
    await tx.apiKey.create({
      data: { teamId: team.id, name: "bench", hash: generated.hash, prefix: generated.prefix, lastFour: generated.lastFour },
    });
    return { teamId: team.id, key: generated.key, price: PRICE_PER_CALL };
  });
}

export async function teamBalance(teamId: string): Promise<bigint> {
  return (await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { balance: true } })).balance;
}
