// lib/billing/grant-credit.ts: atomic balance changes with a ledger row each, idempotency keys, and
// the invariant balance == sum(ledger amounts) under concurrency.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { grantCredit, grantCreditSchema } from "@/lib/billing/grant-credit";
import type { Actor } from "@/lib/audit/actor";
import { createTeamWithOwner } from "../factories";
import { expectLedgerInvariant } from "../support/ledger";

const admin: Actor = { type: "ADMIN_TOKEN" };

describe("grantCredit", () => {
  it("adds credit, records balanceAfter, reason and an audit row", async () => {
    const { team } = await createTeamWithOwner();
    const { entry, replayed } = await grantCredit(
      team.id,
      { amount: 12_500_000n, kind: "GRANT", reason: "welcome credit" },
      admin,
      "req_test1",
    );
    expect(replayed).toBe(false);
    expect(entry).toMatchObject({
      teamId: team.id,
      kind: "GRANT",
      amount: 12_500_000n,
      balanceAfter: 12_500_000n,
      reason: "welcome credit",
      requestId: "req_test1",
    });
    expect(await expectLedgerInvariant(team.id)).toBe(12_500_000n);
    expect(await db.auditLog.findFirst({ where: { targetId: entry.id } })).toMatchObject({
      action: "credit.granted",
      actorType: "ADMIN_TOKEN",
      teamId: team.id,
    });
  });

  it("lets a negative adjustment take the balance below zero", async () => {
    const { team } = await createTeamWithOwner();
    await grantCredit(team.id, { amount: 1_000_000n, kind: "GRANT", reason: "start" }, admin);
    const { entry } = await grantCredit(team.id, { amount: -3_000_000n, kind: "ADJUSTMENT", reason: "chargeback" }, admin);
    expect(entry.balanceAfter).toBe(-2_000_000n);
    expect(await expectLedgerInvariant(team.id)).toBe(-2_000_000n);
  });

  it("applies one credit per idempotency key, even for concurrent requests", async () => {
    const { team } = await createTeamWithOwner();
    const input = { amount: 5_000_000n, kind: "GRANT" as const, reason: "promo", idempotencyKey: "key-1" };
    const results = await Promise.all(Array.from({ length: 5 }, () => grantCredit(team.id, input, admin)));
    expect(new Set(results.map((result) => result.entry.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id } })).toBe(1);
    expect(await expectLedgerInvariant(team.id)).toBe(5_000_000n);

    await expect(grantCredit(team.id, { ...input, amount: 6_000_000n }, admin)).rejects.toMatchObject({ code: "conflict" });
    // The key is scoped to the team: another team may use the same key.
    const other = await createTeamWithOwner();
    expect((await grantCredit(other.team.id, input, admin)).replayed).toBe(false);
  });

  it("keeps balance == sum(ledger) through a storm of grants and adjustments", async () => {
    const { team } = await createTeamWithOwner();
    const amounts = Array.from({ length: 40 }, (_, i) => BigInt((i % 7) - 3) * 250_000n || 1n);
    await Promise.all(amounts.map((amount) => grantCredit(team.id, { amount, kind: "ADJUSTMENT", reason: "storm" }, admin)));
    const expected = amounts.reduce((sum, amount) => sum + amount, 0n);
    expect(await expectLedgerInvariant(team.id)).toBe(expected);
    // The updates were serialised by the row lock: one of them ended on the final balance.
    const entries = await db.creditLedgerEntry.findMany({ where: { teamId: team.id } });
    expect(entries.some((entry) => entry.balanceAfter === expected)).toBe(true);
  });

  it("answers not found for a team that does not exist, writing nothing", async () => {
    await expect(grantCredit("no-such-team", { amount: 1n, kind: "GRANT", reason: "ghost" }, admin)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.creditLedgerEntry.count({ where: { teamId: "no-such-team" } })).toBe(0);
  });
});

describe("grantCreditSchema", () => {
  const issues = (input: unknown) => grantCreditSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join("."), issue.message]);

  it("needs a positive grant, a non-zero adjustment and a 3-500 character reason", () => {
    expect(issues({ amount: "0", reason: "none" })).toEqual([
      ["amount", "A grant must be more than zero; use kind ADJUSTMENT to take credit away."],
    ]);
    expect(issues({ amount: "-1", reason: "neg" })).toHaveLength(1);
    expect(issues({ amount: "0.00", reason: "zero", kind: "ADJUSTMENT" })).toEqual([["amount", "An adjustment of zero changes nothing."]]);
    expect(issues({ amount: "abc", reason: "x" })?.map(([path]) => path)).toEqual(["amount", "reason"]);
    expect(issues({ amount: "1.1234567", reason: "too precise" })).toHaveLength(1);
    expect(grantCreditSchema.parse({ amount: "-2.5", reason: "fix", kind: "ADJUSTMENT" })).toEqual({
      amount: "-2.5",
      reason: "fix",
      kind: "ADJUSTMENT",
    });
  });
});
