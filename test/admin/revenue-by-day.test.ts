// lib/admin/revenue-by-day.ts and list-payments.ts: revenue per UTC day is credit bought minus
// payment refunds over the window, from the ledger; other kinds and other days do not count.
// Revenue is platform-wide and the worker's database is shared, so the test compares before and after.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revenueByDay } from "@/lib/admin/revenue-by-day";
import { listAllPayments } from "@/lib/admin/list-all-payments";
import { PAGE_SIZE } from "@/lib/http/pagination";
import { barPercent } from "@/components/admin/revenue-table";
import { createTeamWithOwner } from "../factories";
import { addEntries, at } from "../billing/ledger/ledger-fixtures";

const NOW = at("2026-07-30T15:00:00Z");

describe("revenueByDay", () => {
  it("sums top-ups and auto-recharges minus payment refunds per day, zero days included", async () => {
    const before = await revenueByDay({ now: NOW });
    expect(before).toHaveLength(30);
    expect([before[0]!.day, before[29]!.day]).toEqual(["2026-07-30", "2026-07-01"]);

    const [a, b] = [await createTeamWithOwner(), await createTeamWithOwner()];
    await addEntries(a.team.id, [
      { kind: "TOPUP", amount: 10_000_000n, createdAt: at("2026-07-30T00:00:00Z") },
      { kind: "AUTO_RECHARGE", amount: 5_000_000n, createdAt: at("2026-07-30T23:59:59.999Z") },
      { kind: "PAYMENT_REFUND", amount: -4_000_000n, createdAt: at("2026-07-30T10:00:00Z") },
      // Not revenue: credit given away and calls paid with credit already bought.
      { kind: "GRANT", amount: 99_000_000n, createdAt: at("2026-07-30T10:00:00Z") },
      { kind: "USAGE", amount: -1_000n, createdAt: at("2026-07-30T10:00:00Z") },
    ]);
    await addEntries(b.team.id, [
      { kind: "TOPUP", amount: 20_000_000n, createdAt: at("2026-07-01T00:00:00Z") },
      { kind: "PAYMENT_REFUND", amount: -25_000_000n, createdAt: at("2026-07-02T08:00:00Z") },
      // Outside the window on both sides.
      { kind: "TOPUP", amount: 7_000_000n, createdAt: at("2026-06-30T23:59:59.999Z") },
      { kind: "TOPUP", amount: 7_000_000n, createdAt: at("2026-07-31T00:00:00Z") },
    ]);

    const after = await revenueByDay({ now: NOW });
    const delta = after
      .map((day, i) => ({
        day: day.day,
        topUps: day.topUps - before[i]!.topUps,
        refunds: day.refunds - before[i]!.refunds,
        net: day.net - before[i]!.net,
      }))
      .filter((day) => day.topUps !== 0n || day.refunds !== 0n);
    expect(delta).toEqual([
      { day: "2026-07-30", topUps: 15_000_000n, refunds: 4_000_000n, net: 11_000_000n },
      { day: "2026-07-02", topUps: 0n, refunds: 25_000_000n, net: -25_000_000n },
      { day: "2026-07-01", topUps: 20_000_000n, refunds: 0n, net: 20_000_000n },
    ]);
    for (const day of after) expect(day.net).toBe(day.topUps - day.refunds);
  });

  it("draws bars relative to the best day, none for losses", () => {
    expect([barPercent(50n, 200n), barPercent(200n, 200n), barPercent(-5n, 200n), barPercent(0n, 0n)]).toEqual([25, 100, 0, 0]);
  });
});

describe("listAllPayments", () => {
  it("lists payments newest first with their team, 25 a page", async () => {
    const { team } = await createTeamWithOwner();
    const base = Date.now() + 365 * 86_400_000; // later than any other test's payment
    await db.payment.createMany({
      data: Array.from({ length: PAGE_SIZE + 1 }, (_, i) => ({
        teamId: team.id,
        kind: "CHECKOUT" as const,
        status: "PAID" as const,
        amount: BigInt(i + 1) * 1_000_000n,
        currency: "USD",
        receiptUrl: `https://pay.example.test/receipt/${crypto.randomBytes(4).toString("hex")}`,
        createdAt: new Date(base + i * 1000),
      })),
    });
    const first = await listAllPayments(1);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    expect(first.rows[0]).toMatchObject({
      amount: BigInt(PAGE_SIZE + 1) * 1_000_000n,
      status: "PAID",
      team: { slug: team.slug, name: team.name },
    });
    expect(first.rows[PAGE_SIZE - 1]!.amount).toBe(2_000_000n);
    expect((await listAllPayments(2)).rows[0]).toMatchObject({ amount: 1_000_000n, team: { slug: team.slug } });
  });
});
