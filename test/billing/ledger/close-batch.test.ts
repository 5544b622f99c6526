// Group commit of a busy team's closes (lib/billing/ledger/close-batch.ts): many settles and refunds
// in one statement, and still each call closed once, with its own claim, ledger row and balance
// after it, exactly as the single statement would; a second close of a call in the same batch
// changes nothing; a capped key's spend moves by the sum of its closes. Credit leases are off here:
// a lease closes the calls it has not written yet in memory (credit-leases.test.ts), and these are
// the statements that close everything else.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { DEFAULT_LEASE_SETTINGS, configureCreditLeases } from "@/lib/billing/ledger/leases/credit-leases";
import { refundCall, settleCall } from "@/lib/billing/ledger/close-call";
import { createGatewayFixture } from "../../support/gateway-factories";
import { expectLedgerInvariant } from "../../support/ledger";

beforeAll(() => configureCreditLeases({ enabled: false }));
afterAll(() => configureCreditLeases(DEFAULT_LEASE_SETTINGS));

const requestId = () => `req_${crypto.randomBytes(8).toString("hex")}`;

async function newTeam(balance: bigint, spendCap: bigint | null = null) {
  const { team, api, keyRow } = await createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", balance, price: 0n });
  if (spendCap !== null) await db.apiKey.update({ where: { id: keyRow.id }, data: { spendCap } });
  const call = (id = requestId()) => ({ teamId: team.id, apiId: api.id, keyId: keyRow.id, requestId: id });
  const reserve = async (reserved: bigint) => {
    const one = call();
    const charged = await chargeCall({
      ...one,
      apiKeyId: keyRow.id,
      price: reserved,
      capped: spendCap !== null,
      instanceId: "inst_close_batch",
      method: "POST",
      path: "/v1/chat/completions",
    });
    expect(charged.ok).toBe(true);
    return one;
  };
  return { teamId: team.id, keyId: keyRow.id, reserve };
}

describe("closes of a busy team share statements", () => {
  it("settles 200 reservations at once to the micro-unit, each with its own ledger row, in fewer statements than closes", async () => {
    const { teamId, reserve } = await newTeam(10_000_000n);
    const reserved = 20_000n;
    const calls = await Promise.all(Array.from({ length: 200 }, () => reserve(reserved)));
    const actuals = calls.map((_, index) => BigInt((index * 7_919) % 25_000)); // some cost more than reserved
    const results = await Promise.all(
      calls.map((call, index) => settleCall({ ...call, reserved, actual: actuals[index]!, reason: "tokens used" })),
    );
    expect(results.every((result) => result.status === "settled")).toBe(true);

    const spent = actuals.reduce((sum, actual) => sum + actual, 0n);
    expect(await expectLedgerInvariant(teamId)).toBe(10_000_000n - spent);
    const settlements = await db.creditLedgerEntry.findMany({ where: { teamId, kind: "USAGE_SETTLEMENT" } });
    expect(settlements).toHaveLength(actuals.filter((actual) => actual !== reserved).length);
    for (const entry of settlements) {
      const index = calls.findIndex((call) => call.requestId === entry.requestId);
      expect(entry.amount).toBe(reserved - actuals[index]!);
      // The balance each close reported is the one its ledger row records.
      const result = results[index]!;
      expect(result.status === "settled" && result.balanceAfter).toBe(entry.balanceAfter);
    }
    expect(await db.callSettlement.count({ where: { teamId } })).toBe(200);
    const statements = new Set(settlements.map((entry) => entry.createdAt.getTime())).size;
    expect(statements).toBeLessThan(150);
  });

  it("closes a call once when its refund and its settle arrive together", async () => {
    const { teamId, reserve } = await newTeam(1_000_000n);
    const calls = await Promise.all(Array.from({ length: 40 }, () => reserve(5_000n)));
    const closes = calls.flatMap((call) => [
      settleCall({ ...call, reserved: 5_000n, actual: 1_000n, reason: "tokens used" }),
      refundCall({ ...call, price: 5_000n, reason: "upstream failed" }),
      settleCall({ ...call, reserved: 5_000n, actual: 2_000n, reason: "tokens used again" }),
    ]);
    await Promise.all(closes);
    const settlements = await db.callSettlement.findMany({ where: { teamId } });
    expect(settlements).toHaveLength(40);
    const cost = settlements.reduce((sum, settlement) => sum + settlement.actual, 0n);
    expect(await expectLedgerInvariant(teamId)).toBe(1_000_000n - cost);
    const rows = await db.creditLedgerEntry.groupBy({ by: ["requestId"], where: { teamId, kind: { not: "USAGE" } }, _count: true });
    expect(rows.every((row) => row._count === 1)).toBe(true);
  });

  it("moves a capped key's spend by what its closes gave back", async () => {
    const { teamId, keyId, reserve } = await newTeam(1_000_000n, 500_000n);
    const calls = await Promise.all(Array.from({ length: 30 }, () => reserve(10_000n)));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).spent).toBe(300_000n);
    await Promise.all(calls.map((call) => settleCall({ ...call, reserved: 10_000n, actual: 4_000n, reason: "tokens used" })));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).spent).toBe(120_000n);
    expect(await expectLedgerInvariant(teamId)).toBe(1_000_000n - 120_000n);
  });
});
