// settleCall: a reservation turned into the exact charge, once per request id, never after a
// refund; and the storm that proves it exact under concurrency, duplicates and races.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { refundCall, settleCall, type SettleResult } from "@/lib/billing/ledger/close-call";
import { createGatewayFixture, createRawKey } from "../../support/gateway-factories";
import { expectLedgerInvariant } from "../../support/ledger";

// The fixture needs an upstream URL; these tests never call it.
const fixture = (balance: bigint) => createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", balance, price: 0n });
const requestId = () => `req_${crypto.randomBytes(8).toString("hex")}`;

type Call = { teamId: string; apiId: string; keyId: string; requestId: string };

/** What chargeCall needs besides the call: the key used and where the call came in. */
const via = (call: Call) => ({ apiKeyId: call.keyId, instanceId: "inst_test", method: "POST", path: "/v1/chat/completions" });

async function reserve(call: Call, reserved: bigint) {
  const charged = await chargeCall({ ...call, ...via(call), price: reserved, capped: false });
  expect(charged.ok).toBe(true);
}

const settle = (call: Call, reserved: bigint, actual: bigint) => settleCall({ ...call, reserved, actual, reason: "tokens used" });
const balanceOf = async (teamId: string) => (await db.team.findUniqueOrThrow({ where: { id: teamId } })).balance;

async function newCall(balance = 1_000_000n): Promise<Call> {
  const { team, api, keyRow } = await fixture(balance);
  return { teamId: team.id, apiId: api.id, keyId: keyRow.id, requestId: requestId() };
}

describe("settleCall", () => {
  it("credits back what a call cost less than its reservation", async () => {
    const call = await newCall();
    await reserve(call, 5_000n);
    const result = await settle(call, 5_000n, 1_234n);
    expect(result).toEqual({ status: "settled", balanceAfter: 1_000_000n - 1_234n, difference: 3_766n, overdrawn: false });
    const entry = await db.creditLedgerEntry.findUniqueOrThrow({ where: { externalRef: `settle:${call.requestId}` } });
    expect(entry).toMatchObject({
      kind: "USAGE_SETTLEMENT",
      amount: 3_766n,
      requestId: call.requestId,
      apiId: call.apiId,
      reason: "tokens used",
    });
    expect(await expectLedgerInvariant(call.teamId)).toBe(1_000_000n - 1_234n);
  });

  it("debits the excess even below zero, and records that it went below", async () => {
    const call = await newCall(5_000n);
    await reserve(call, 5_000n);
    const result = await settle(call, 5_000n, 7_000n);
    expect(result).toEqual({ status: "settled", balanceAfter: -2_000n, difference: -2_000n, overdrawn: true });
    const entry = await db.creditLedgerEntry.findUniqueOrThrow({ where: { externalRef: `settle:${call.requestId}` } });
    expect(entry.amount).toBe(-2_000n);
    expect(entry.balanceAfter).toBe(-2_000n);
    expect(entry.reason).toContain("below zero");
    expect(await expectLedgerInvariant(call.teamId)).toBe(-2_000n);
  });

  it("moves no money when the cost equals the reservation, but still closes the call", async () => {
    const call = await newCall();
    await reserve(call, 4_000n);
    expect(await settle(call, 4_000n, 4_000n)).toMatchObject({ status: "settled", difference: 0n, balanceAfter: 996_000n });
    expect(await db.creditLedgerEntry.count({ where: { externalRef: `settle:${call.requestId}` } })).toBe(0);
    expect(await db.callSettlement.findUniqueOrThrow({ where: { requestId: call.requestId } })).toMatchObject({
      outcome: "SETTLED",
      reserved: 4_000n,
      actual: 4_000n,
    });
    expect(await settle(call, 4_000n, 1n)).toEqual({ status: "already_settled" });
    expect(await expectLedgerInvariant(call.teamId)).toBe(996_000n);
  });

  it("settles a request once: a second settle changes nothing and says so", async () => {
    const call = await newCall();
    await reserve(call, 5_000n);
    await settle(call, 5_000n, 1_000n);
    expect(await settle(call, 5_000n, 0n)).toEqual({ status: "already_settled" });
    expect(await balanceOf(call.teamId)).toBe(999_000n);
    expect(await expectLedgerInvariant(call.teamId)).toBe(999_000n);
  });

  it("refuses a settle after a refund of the same request, and a refund after a settle", async () => {
    const refunded = await newCall();
    await reserve(refunded, 5_000n);
    expect(await refundCall({ ...refunded, price: 5_000n, reason: "upstream_unavailable" })).toBe(1_000_000n);
    expect(await settle(refunded, 5_000n, 0n)).toEqual({ status: "refunded" });
    expect(await expectLedgerInvariant(refunded.teamId)).toBe(1_000_000n);

    const settled = await newCall();
    await reserve(settled, 5_000n);
    await settle(settled, 5_000n, 2_000n);
    expect(await refundCall({ ...settled, price: 5_000n, reason: "late" })).toBeNull();
    expect(await expectLedgerInvariant(settled.teamId)).toBe(998_000n);
  });

  it("moves a capped key's spend by the same difference", async () => {
    const { team, api } = await fixture(1_000_000n);
    const { keyRow } = await createRawKey(team.id, { spendCap: 10_000n });
    const call = { teamId: team.id, apiId: api.id, keyId: keyRow.id, requestId: requestId() };
    expect((await chargeCall({ ...call, ...via(call), price: 6_000n, capped: true })).ok).toBe(true);
    await settle(call, 6_000n, 2_500n);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyRow.id } })).spent).toBe(2_500n);
    const over = { ...call, requestId: requestId() };
    expect((await chargeCall({ ...over, ...via(over), price: 6_000n, capped: true })).ok).toBe(true);
    await settle(over, 6_000n, 9_000n);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keyRow.id } })).spent).toBe(11_500n);
    expect(await expectLedgerInvariant(team.id)).toBe(1_000_000n - 11_500n);
  });

  it("refuses negative amounts", async () => {
    const call = await newCall();
    await expect(settle(call, 5_000n, -1n)).rejects.toThrow(RangeError);
  });
});

describe("the reserve → settle storm", () => {
  it("is exact to the micro-unit across 200 concurrent pairs with duplicates and racing refunds", async () => {
    const PAIRS = 200;
    const RESERVED = 10_000n;
    const START = RESERVED * BigInt(PAIRS) * 3n;
    const { team, api, keyRow } = await fixture(START);
    const random = (n: number) => crypto.randomInt(n);
    const calls = Array.from({ length: PAIRS }, (_, i) => ({
      call: { teamId: team.id, apiId: api.id, keyId: keyRow.id, requestId: `storm_${i}_${requestId()}` },
      // Above and below the reservation, equal now and then: 0 .. 2 × RESERVED.
      actual: BigInt(random(Number(RESERVED) * 2 + 1)),
      duplicates: i % 5 === 0 ? 2 : 0,
      racingRefund: i % 10 === 3,
    }));

    // Every pair runs concurrently with the others, each step after a random pause, so reserves and
    // settles of different calls interleave in every order; duplicate settles and refunds race the settle.
    const pause = () => new Promise((resolve) => setTimeout(resolve, random(15)));
    const outcomes = await Promise.all(
      calls.map(async ({ call, actual, duplicates, racingRefund }) => {
        await pause();
        await reserve(call, RESERVED);
        await pause();
        const closes: Promise<SettleResult | bigint | null>[] = [settle(call, RESERVED, actual)];
        for (let d = 0; d < duplicates; d++) closes.push(settle(call, RESERVED, BigInt(random(Number(RESERVED)))));
        if (racingRefund) closes.push(refundCall({ ...call, price: RESERVED, reason: "upstream_unavailable" }));
        const results = await Promise.all(closes);
        const settledBy = results.findIndex((result) => typeof result === "object" && result !== null && result.status === "settled");
        const refundWon = results.some((result) => typeof result === "bigint");
        return { settledBy, refundWon, results };
      }),
    );

    // Exactly one close won per call; its amount is the call's cost.
    let expectedCost = 0n;
    outcomes.forEach(({ settledBy, refundWon, results }, i) => {
      expect(
        Number(settledBy >= 0) + Number(refundWon),
        `call ${i}: ${JSON.stringify(results, (_, v) => (typeof v === "bigint" ? String(v) : v))}`,
      ).toBe(1);
      if (settledBy === 0) expectedCost += calls[i]!.actual;
      else if (settledBy > 0) expectedCost += RESERVED - (results[settledBy] as Extract<SettleResult, { status: "settled" }>).difference;
    });
    const balance = await expectLedgerInvariant(team.id);
    expect(balance).toBe(START - expectedCost);
    expect(await db.callSettlement.count({ where: { teamId: team.id } })).toBe(PAIRS);
    const settlements = await db.callSettlement.findMany({ where: { teamId: team.id } });
    expect(settlements.reduce((sum, row) => sum + row.actual, 0n)).toBe(expectedCost);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } })).toBe(PAIRS);
  });
});
