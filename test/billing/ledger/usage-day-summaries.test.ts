// ledger_usage_days: the billing page's usage by day reads settled days from summaries written
// once, and the days after them live. Every check compares with a direct GROUP BY over the ledger
// (the query the page ran before the summaries), page by page, flags included.
import { describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import { listUsageByDay, type UsageDay } from "@/lib/billing/ledger/list-usage-by-day";
import { PAGE_SIZE } from "@/lib/http/pagination";
import { lastSettledDay, SETTLE_MARGIN_MS } from "@/lib/billing/ledger/usage-day-summaries";
import { createTeamWithOwner } from "../../factories";
import { addEntries, at, createApi, times, type EntrySpec } from "./ledger-fixtures";

/** All groups straight from the ledger, in the page's order: the reference. */
async function directGroups(teamId: string): Promise<UsageDay[]> {
  const rows = await db.$queryRaw<(Omit<UsageDay, "calls"> & { calls: bigint })[]>(Prisma.sql`
    SELECT to_char(date_trunc('day', l."createdAt"), 'YYYY-MM-DD') AS day, l."apiId" AS "apiId", a.name AS "apiName",
           count(*) FILTER (WHERE l.kind = 'USAGE') AS calls,
           coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'USAGE'), 0)::bigint AS charged,
           coalesce(sum(l.amount) FILTER (WHERE l.kind = 'USAGE_REFUND'), 0)::bigint AS refunded,
           sum(l.amount)::bigint AS net
    FROM credit_ledger_entries l LEFT JOIN apis a ON a.id = l."apiId"
    WHERE l."teamId" = ${teamId} AND l.kind IN ('USAGE', 'USAGE_REFUND')
    GROUP BY 1, l."apiId", a.name
    ORDER BY day DESC, a.name NULLS LAST, l."apiId" NULLS LAST`);
  return rows.map((row) => ({ ...row, calls: Number(row.calls) }));
}

/** Every page of listUsageByDay as of `now`, checked against the direct groups sliced by 25. */
async function expectExact(teamId: string, now: Date) {
  const expected = await directGroups(teamId);
  const pages = Math.max(1, Math.ceil(expected.length / PAGE_SIZE));
  for (let page = 1; page <= pages + 1; page++) {
    const slice = expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    expect(await listUsageByDay(teamId, page, now)).toEqual({
      rows: slice,
      page,
      hasPrevious: page > 1,
      hasNext: expected.length > page * PAGE_SIZE,
    });
  }
  return expected;
}

const summarisedDays = async (teamId: string) =>
  (await db.ledgerUsageDay.findMany({ where: { teamId }, select: { day: true }, distinct: ["day"], orderBy: { day: "asc" } })).map((row) =>
    row.day.toISOString().slice(0, 10),
  );
const watermark = async (teamId: string) =>
  (await db.ledgerUsageWatermark.findUnique({ where: { teamId } }))?.closedThrough.toISOString().slice(0, 10) ?? null;

const usage = (amount: bigint, apiId: string | null, iso: string): EntrySpec => ({
  kind: "USAGE",
  amount: -amount,
  apiId,
  createdAt: at(iso),
});
const refund = (amount: bigint, apiId: string | null, iso: string): EntrySpec => ({
  kind: "USAGE_REFUND",
  amount,
  apiId,
  createdAt: at(iso),
});

describe("usage by day from settled-day summaries", () => {
  it("settles a day only once it has been over for the margin", () => {
    expect(SETTLE_MARGIN_MS).toBe(600_000);
    expect(lastSettledDay(at("2026-05-10T12:00:00Z"))).toBe("2026-05-09");
    expect(lastSettledDay(at("2026-05-11T00:09:59.999Z"))).toBe("2026-05-09");
    expect(lastSettledDay(at("2026-05-11T00:10:00Z"))).toBe("2026-05-10");
  });

  it("summarises settled days, reads today live, keeps deleted and missing APIs, and matches the ledger", async () => {
    const { team } = await createTeamWithOwner();
    const [alpha, beta, doomed] = [await createApi("Alpha"), await createApi("Beta"), await createApi("Doomed")];
    await addEntries(team.id, [
      ...times(3, usage(1_000n, alpha.id, "2026-05-08T00:00:00.000Z")),
      refund(1_000n, alpha.id, "2026-05-08T23:59:59.999Z"),
      usage(2_500n, beta.id, "2026-05-08T12:00:00Z"),
      usage(700n, doomed.id, "2026-05-09T03:00:00Z"),
      usage(9n, null, "2026-05-09T04:00:00Z"),
      // a refund landing on the next day than its charge
      usage(400n, beta.id, "2026-05-09T23:59:59Z"),
      refund(400n, beta.id, "2026-05-10T00:00:01Z"),
      ...times(2, usage(1_000n, alpha.id, "2026-05-10T09:00:00Z")),
      { kind: "GRANT", amount: 1_000_000n, createdAt: at("2026-05-08T01:00:00Z"), reason: "not usage" },
    ]);
    await db.api.delete({ where: { id: doomed.id } }); // ledger rows keep its id; the name is gone

    const now = at("2026-05-10T12:00:00Z");
    const groups = await expectExact(team.id, now);
    expect(await watermark(team.id)).toBe("2026-05-09");
    expect(await summarisedDays(team.id)).toEqual(["2026-05-08", "2026-05-09"]);
    expect(groups.filter((group) => group.day === "2026-05-09")).toEqual([
      { day: "2026-05-09", apiId: beta.id, apiName: beta.name, calls: 1, charged: 400n, refunded: 0n, net: -400n },
      expect.objectContaining({ apiId: doomed.id, apiName: null, calls: 1, net: -700n }),
      expect.objectContaining({ apiId: null, apiName: null, calls: 1, net: -9n }),
    ]);

    // Today keeps growing and is read live; the summaries are not touched again.
    await addEntries(team.id, [usage(1_000n, alpha.id, "2026-05-10T12:30:00Z"), refund(1_000n, alpha.id, "2026-05-10T12:31:00Z")]);
    const countBefore = await db.ledgerUsageDay.count({ where: { teamId: team.id } });
    await expectExact(team.id, at("2026-05-10T13:00:00Z"));
    expect(await db.ledgerUsageDay.count({ where: { teamId: team.id } })).toBe(countBefore);

    // Two days later the 10th and 11th are summarised in one go, still exact.
    await addEntries(team.id, [usage(5n, beta.id, "2026-05-11T10:00:00Z"), usage(6n, alpha.id, "2026-05-12T10:00:00Z")]);
    await expectExact(team.id, at("2026-05-12T11:00:00Z"));
    expect(await watermark(team.id)).toBe("2026-05-11");
    expect(await summarisedDays(team.id)).toEqual(["2026-05-08", "2026-05-09", "2026-05-10", "2026-05-11"]);
  });

  it("counts a refund committed just after midnight with a createdAt before it (the margin window)", async () => {
    const { team } = await createTeamWithOwner();
    const api = await createApi();
    await addEntries(team.id, [usage(1_000n, api.id, "2026-05-09T10:00:00Z"), usage(3_000n, api.id, "2026-05-10T23:58:00Z")]);
    const justAfterMidnight = at("2026-05-11T00:05:00Z");
    await expectExact(team.id, justAfterMidnight);
    // The 10th is over but inside the margin: still live, not summarised.
    expect(await watermark(team.id)).toBe("2026-05-09");

    // A long transaction commits now with createdAt 23:59:59 on the 10th.
    await addEntries(team.id, [refund(3_000n, api.id, "2026-05-10T23:59:59.500Z")]);
    const [tenth] = await expectExact(team.id, justAfterMidnight);
    expect(tenth).toMatchObject({ day: "2026-05-10", calls: 1, charged: 3_000n, refunded: 3_000n, net: 0n });

    // Once the margin has passed, the 10th is summarised with the late refund in it.
    await expectExact(team.id, at("2026-05-11T00:20:00Z"));
    expect(await watermark(team.id)).toBe("2026-05-10");
    expect(
      await db.ledgerUsageDay.findMany({
        where: { teamId: team.id, day: at("2026-05-10T00:00:00Z") },
        select: { calls: true, refunded: true, net: true },
      }),
    ).toEqual([{ calls: 1n, refunded: 3_000n, net: 0n }]);
  });

  it("writes each day once when many first views arrive together", async () => {
    const { team } = await createTeamWithOwner();
    const [alpha, beta] = [await createApi("Alpha"), await createApi("Beta")];
    const entries: EntrySpec[] = [];
    for (let day = 1; day <= 20; day++) {
      const date = `2026-04-${String(day).padStart(2, "0")}`;
      entries.push(
        usage(BigInt(day), alpha.id, `${date}T08:00:00Z`),
        usage(10n, beta.id, `${date}T20:00:00Z`),
        refund(1n, alpha.id, `${date}T21:00:00Z`),
      );
    }
    await addEntries(team.id, entries);
    const now = at("2026-04-20T15:00:00Z");
    const views = await Promise.all(Array.from({ length: 6 }, (_, i) => listUsageByDay(team.id, 1 + (i % 2), now)));
    const expected = await directGroups(team.id);
    for (const [i, view] of views.entries()) {
      const page = 1 + (i % 2);
      expect(view.rows).toEqual(expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
    }
    // 19 settled days x 2 APIs, each exactly once.
    const rows = await db.ledgerUsageDay.groupBy({ by: ["day", "apiId"], where: { teamId: team.id }, _count: { _all: true } });
    expect(rows).toHaveLength(38);
    expect(rows.every((row) => row._count._all === 1)).toBe(true);
    await expectExact(team.id, now);
  });

  it("pages the same way as before across summarised and live days", async () => {
    const { team } = await createTeamWithOwner();
    const apis = [await createApi("A"), await createApi("B"), await createApi("C")];
    const entries: EntrySpec[] = [];
    for (let day = 1; day <= 22; day++) {
      const date = `2026-02-${String(day).padStart(2, "0")}`;
      for (const api of apis) entries.push(usage(100n, api.id, `${date}T06:00:00Z`));
      if (day % 5 === 0) entries.push(usage(1n, null, `${date}T07:00:00Z`));
    }
    await addEntries(team.id, entries);
    const groups = await expectExact(team.id, at("2026-02-21T03:00:00Z")); // 20 days summarised, 21-22 live
    expect(groups).toHaveLength(22 * 3 + 4);
    expect(await watermark(team.id)).toBe("2026-02-20");
    await expectExact(team.id, at("2026-02-23T00:11:00Z")); // all summarised
    expect(await watermark(team.id)).toBe("2026-02-22");
  });

  it("answers an empty first page for a team without usage and for an unknown team", async () => {
    const { team } = await createTeamWithOwner();
    expect(await listUsageByDay(team.id, 1)).toEqual({ rows: [], page: 1, hasPrevious: false, hasNext: false });
    expect(await listUsageByDay("no-such-team", 1)).toEqual({ rows: [], page: 1, hasPrevious: false, hasNext: false });
    expect(await watermark("no-such-team")).toBeNull();
  });
});
