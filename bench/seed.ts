// What the gateway needs to serve `GET /api/gateway/bench/...`: a team with a large balance (and the
// GRANT that explains it, so the ledger invariant holds), a published API on the bench upstream,
// a priced plan whose rate limit never triggers, an active subscription and a key.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { generateApiKey } from "@/lib/keys/key-format";

export const BENCH_SLUG = "bench";
export const PRICE_PER_CALL = 1_000n; // micro-units
const BALANCE = 1_000_000n * 1_000_000n; // 1,000,000 units of the currency

export type BenchSeed = { teamId: string; key: string; price: bigint; apiId: string; planId: string };
export type BenchTeams = { teamIds: string[]; keys: string[] };

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
    return { teamId: team.id, key: generated.key, price: PRICE_PER_CALL, apiId: api.id, planId: api.plans[0]!.id };
  });
}

/**
 * `count` more teams like the bench team (the GRANT, the subscription to the bench API, a key),
 * slugs `${slugPrefix}-1`…: one statement a table, so that 1,000 teams take a moment.
 */
export async function seedTeams(count: number, slugPrefix: string, bench: BenchSeed): Promise<BenchTeams> {
  const teams = Array.from({ length: count }, (_, index) => ({ id: crypto.randomUUID(), slug: `${slugPrefix}-${index + 1}` }));
  const keys = teams.map(() => generateApiKey("live"));
  await db.$transaction([
    db.team.createMany({ data: teams.map(({ id, slug }) => ({ id, slug, name: slug, balance: BALANCE })) }),
    db.creditLedgerEntry.createMany({
      data: teams.map(({ id }) => ({
        teamId: id,
        kind: "GRANT" as const,
        amount: BALANCE,
        balanceAfter: BALANCE,
        reason: "npm run bench",
      })),
    }),
    db.subscription.createMany({
      data: teams.map(({ id }) => ({
        teamId: id,
        apiId: bench.apiId,
        planId: bench.planId,
        status: "ACTIVE" as const,
        decidedAt: new Date(),
      })),
    }),
    db.apiKey.createMany({
      data: teams.map(({ id }, index) => ({
        teamId: id,
        name: "bench",
        hash: keys[index]!.hash,
        prefix: keys[index]!.prefix,
        lastFour: keys[index]!.lastFour,
      })),
    }),
  ]);
  return { teamIds: teams.map(({ id }) => id), keys: keys.map(({ key }) => key) };
}
