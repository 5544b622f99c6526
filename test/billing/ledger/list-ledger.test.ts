// lib/billing/ledger: the billing page's ledger. Usage is summarised per UTC day and API in SQL,
// other entries are listed one by one, both paged by 25, always scoped to one team, and together
// they account for the whole balance.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listLedger } from "@/lib/billing/ledger/list-ledger";
import { listCreditMovements } from "@/lib/billing/ledger/list-credit-movements";
import { listUsageByDay } from "@/lib/billing/ledger/list-usage-by-day";
import { PAGE_SIZE, parsePage } from "@/lib/http/pagination";
import { grantCredit } from "@/lib/billing/grant-credit";
import { createTeamWithOwner, createUser } from "../../factories";
import { addEntries, at, createApi, times } from "./ledger-fixtures";

/** Every page of a section, walked the way a reader clicks "Older". */
async function allPages<T>(load: (page: number) => Promise<{ rows: T[]; hasNext: boolean }>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const result = await load(page);
    rows.push(...result.rows);
    if (!result.hasNext) return rows;
  }
}

describe("listUsageByDay", () => {
  it("groups charges and refunds per UTC day and API, newest day first", async () => {
    const { team } = await createTeamWithOwner();
    const [alpha, beta] = [await createApi("Alpha"), await createApi("Beta")];
    await addEntries(team.id, [
      ...times(3, { kind: "USAGE", amount: -1_000n, apiId: alpha.id, createdAt: at("2026-03-01T00:00:00.000Z") }),
      { kind: "USAGE_REFUND", amount: 1_000n, apiId: alpha.id, createdAt: at("2026-03-01T23:59:59.999Z") },
      ...times(2, { kind: "USAGE", amount: -2_500n, apiId: beta.id, createdAt: at("2026-03-01T12:00:00.000Z") }),
      // One millisecond later is the next UTC day.
      { kind: "USAGE", amount: -1_000n, apiId: alpha.id, createdAt: at("2026-03-02T00:00:00.000Z") },
      // Not usage: listed with the movements, never in these sums.
      { kind: "GRANT", amount: 50_000n, createdAt: at("2026-03-01T10:00:00.000Z"), reason: "start" },
    ]);

    const { rows, hasNext, hasPrevious } = await listUsageByDay(team.id, 1);
    expect({ hasNext, hasPrevious }).toEqual({ hasNext: false, hasPrevious: false });
    expect(rows).toEqual([
      { day: "2026-03-02", apiId: alpha.id, apiName: alpha.name, calls: 1, charged: 1_000n, refunded: 0n, net: -1_000n },
      { day: "2026-03-01", apiId: alpha.id, apiName: alpha.name, calls: 3, charged: 3_000n, refunded: 1_000n, net: -2_000n },
      { day: "2026-03-01", apiId: beta.id, apiName: beta.name, calls: 2, charged: 5_000n, refunded: 0n, net: -5_000n },
    ]);
  });

  it("keeps usage of a deleted API as its own group without a name", async () => {
    const { team } = await createTeamWithOwner();
    await addEntries(team.id, [{ kind: "USAGE", amount: -7n, apiId: null, createdAt: at("2026-04-01T08:00:00Z") }]);
    expect((await listUsageByDay(team.id, 1)).rows).toEqual([
      { day: "2026-04-01", apiId: null, apiName: null, calls: 1, charged: 7n, refunded: 0n, net: -7n },
    ]);
  });

  it("pages by 25 groups: exactly 25 is one page, 26 spill one group onto page 2", async () => {
    const { team } = await createTeamWithOwner();
    const api = await createApi();
    const day = (i: number) => at(`2026-01-${String(i + 1).padStart(2, "0")}T09:00:00Z`);
    await addEntries(
      team.id,
      Array.from({ length: PAGE_SIZE }, (_, i) => ({ kind: "USAGE" as const, amount: -1n, apiId: api.id, createdAt: day(i) })),
    );
    // Viewed as on the 26th in the morning, so the 26th's row below is appended after the view, as
    // ledger rows are (settled days are summarised once and never re-read).
    const morning = at("2026-01-26T08:00:00Z");
    const full = await listUsageByDay(team.id, 1, morning);
    expect(full.rows).toHaveLength(PAGE_SIZE);
    expect(full.hasNext).toBe(false);

    await addEntries(team.id, [{ kind: "USAGE", amount: -1n, apiId: api.id, createdAt: day(PAGE_SIZE) }]);
    const later = at("2026-01-26T10:00:00Z");
    const [first, second, beyond] = [
      await listUsageByDay(team.id, 1, later),
      await listUsageByDay(team.id, 2, later),
      await listUsageByDay(team.id, 3, later),
    ];
    expect(first.rows[0]!.day).toBe("2026-01-26");
    expect(first.hasNext).toBe(true);
    expect(second.rows.map((row) => row.day)).toEqual(["2026-01-01"]);
    expect({ hasPrevious: second.hasPrevious, hasNext: second.hasNext }).toEqual({ hasPrevious: true, hasNext: false });
    expect(beyond.rows).toEqual([]);
  });
});

describe("listCreditMovements", () => {
  it("lists every non-usage entry newest first, with reason and actor", async () => {
    const { team, owner } = await createTeamWithOwner();
    const admin = await createUser({ name: "Ada Admin" });
    await addEntries(team.id, [
      { kind: "TOPUP", amount: 10_000_000n, createdAt: at("2026-02-01T10:00:00Z"), actorUserId: owner.id },
      { kind: "AUTO_RECHARGE", amount: 5_000_000n, createdAt: at("2026-02-02T10:00:00Z") },
      { kind: "PAYMENT_REFUND", amount: -5_000_000n, createdAt: at("2026-02-03T10:00:00Z"), reason: "card refund" },
      { kind: "USAGE", amount: -1_000n, createdAt: at("2026-02-03T11:00:00Z") },
    ]);
    await grantCredit(team.id, { amount: 2_000_000n, kind: "GRANT", reason: "pilot credit" }, { type: "USER", userId: admin.id });
    await grantCredit(team.id, { amount: -500_000n, kind: "ADJUSTMENT", reason: "double top-up" }, { type: "ADMIN_TOKEN" });

    const { rows } = await listCreditMovements(team.id, 1);
    expect(rows.map((row) => [row.kind, row.amount, row.reason, row.actor])).toEqual([
      ["ADJUSTMENT", -500_000n, "double top-up", null],
      ["GRANT", 2_000_000n, "pilot credit", "Ada Admin"],
      ["PAYMENT_REFUND", -5_000_000n, "card refund", null],
      ["AUTO_RECHARGE", 5_000_000n, null, null],
      ["TOPUP", 10_000_000n, null, owner.name],
    ]);
  });

  it("pages by 25 entries", async () => {
    const { team } = await createTeamWithOwner();
    await addEntries(
      team.id,
      Array.from({ length: PAGE_SIZE + 2 }, (_, i) => ({
        kind: "GRANT" as const,
        amount: BigInt(i + 1),
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        reason: `grant ${i + 1}`,
      })),
    );
    const [first, second] = [await listCreditMovements(team.id, 1), await listCreditMovements(team.id, 2)];
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]!.reason).toBe(`grant ${PAGE_SIZE + 2}`);
    expect(second.rows.map((row) => row.reason)).toEqual(["grant 2", "grant 1"]);
    expect(second.hasNext).toBe(false);
  });
});

describe("listLedger", () => {
  it("accounts for the whole balance: movements plus usage nets over all pages", async () => {
    const { team } = await createTeamWithOwner();
    const apis = [await createApi("One"), await createApi("Two")];
    await grantCredit(team.id, { amount: 100_000_000n, kind: "GRANT", reason: "start" }, { type: "ADMIN_TOKEN" });
    // 30 days x 2 APIs = 60 usage groups (3 pages), some with refunds; 28 grants (2 pages).
    for (let day = 1; day <= 30; day++) {
      const createdAt = at(`2026-05-${String(day).padStart(2, "0")}T12:00:00Z`);
      await addEntries(team.id, [
        ...times(day, { kind: "USAGE", amount: -1_234n, apiId: apis[0]!.id, createdAt }),
        ...times(2, { kind: "USAGE", amount: -5_000n, apiId: apis[1]!.id, createdAt }),
        ...(day % 3 === 0 ? [{ kind: "USAGE_REFUND" as const, amount: 5_000n, apiId: apis[1]!.id, createdAt }] : []),
      ]);
    }
    await addEntries(team.id, times(27, { kind: "ADJUSTMENT", amount: -333n, createdAt: at("2026-05-15T00:00:00Z"), reason: "fix" }));

    const movements = await allPages((page) => listLedger(team.id, { ledger: String(page) }).then((ledger) => ledger.movements));
    const usage = await allPages((page) => listLedger(team.id, { usage: String(page) }).then((ledger) => ledger.usage));
    expect(movements).toHaveLength(28);
    expect(usage).toHaveLength(60);
    expect(new Set(usage.map((row) => `${row.day}/${row.apiId}`)).size).toBe(60);

    const { balance } = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    const sum = movements.reduce((total, row) => total + row.amount, 0n) + usage.reduce((total, row) => total + row.net, 0n);
    expect(sum).toBe(balance);
    expect(usage.reduce((total, row) => total + row.calls, 0)).toBe(
      await db.creditLedgerEntry.count({ where: { teamId: team.id, kind: "USAGE" } }),
    );
    // net is exactly refunds minus charges on every row.
    for (const row of usage) expect(row.net).toBe(row.refunded - row.charged);
  });

  it("never shows another team's rows", async () => {
    const [a, b] = [await createTeamWithOwner(), await createTeamWithOwner()];
    const api = await createApi();
    const createdAt = at("2026-06-01T12:00:00Z");
    await addEntries(a.team.id, [
      { kind: "GRANT", amount: 1_000n, createdAt, reason: "A's grant" },
      { kind: "USAGE", amount: -10n, apiId: api.id, createdAt },
    ]);
    await addEntries(b.team.id, [
      { kind: "GRANT", amount: 9_000n, createdAt, reason: "B's grant" },
      ...times(4, { kind: "USAGE", amount: -10n, apiId: api.id, createdAt }),
    ]);

    const ledger = await listLedger(a.team.id);
    expect(ledger.movements.rows.map((row) => row.reason)).toEqual(["A's grant"]);
    expect(ledger.usage.rows).toEqual([expect.objectContaining({ day: "2026-06-01", apiId: api.id, calls: 1, net: -10n })]);
    const bIds = (await db.creditLedgerEntry.findMany({ where: { teamId: b.team.id }, select: { id: true } })).map((entry) => entry.id);
    expect(ledger.movements.rows.some((row) => bIds.includes(row.id))).toBe(false);
    expect((await listLedger("no-such-team")).movements.rows).toEqual([]);
  });
});

describe("parsePage", () => {
  it("reads whole numbers from 1 up and treats anything else as the first page", () => {
    expect([undefined, "", "0", "-1", "abc", "1.5", "2", "07", ["3", "4"], "9999999"].map((value) => parsePage(value))).toEqual([
      1, 1, 1, 1, 1, 1, 2, 7, 3, 1,
    ]);
    expect(parsePage("999999")).toBe(10_000);
  });
});
