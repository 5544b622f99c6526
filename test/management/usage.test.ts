// GET /api/v1/teams/{team}/usage: aggregation of seeded usage_events rows, the team filter, and
// parameter checks; and, with events written by the recorder (rollups included), that the report
// read from rollups + raw edges + raw calls that do not roll up equals a plain sum of the events.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import * as usageRoute from "@/app/api/v1/teams/[team]/usage/route";
import { getUsageSummary, type UsageSummary, type UsageTotals } from "@/lib/usage/usage-summary";
import { createTeamWithOwner } from "../factories";
import { call, seedApi } from "../support/management-factories";
import { createUsageTeam, usageEvent, writeEvents } from "../usage/usage-fixtures";

type Event = { apiId: string | null; status: number; charged?: bigint; refunded?: bigint; latencyMs: number; at: string };

async function seedEvents(teamId: string, events: Event[]) {
  await db.usageEvent.createMany({
    data: events.map((event) => ({
      requestId: `req_${crypto.randomUUID().replaceAll("-", "")}`,
      teamId,
      apiId: event.apiId,
      method: "GET",
      path: "/x",
      status: event.status,
      latencyMs: event.latencyMs,
      charged: event.charged ?? 0n,
      refunded: event.refunded ?? 0n,
      createdAt: new Date(event.at),
    })),
  });
}

/** The report summed straight from usage_events, as the route did before rollups: the reference. */
async function rawReport(teamId: string, from: Date, to: Date, apiSlug?: string): Promise<UsageSummary> {
  const where = Prisma.sql`FROM usage_events e LEFT JOIN apis a ON a.id = e."apiId"
    WHERE e."teamId" = ${teamId} AND e."createdAt" >= ${from} AND e."createdAt" < ${to} ${apiSlug ? Prisma.sql`AND a.slug = ${apiSlug}` : Prisma.empty}`;
  const sums = Prisma.sql`count(*) AS requests, count(*) FILTER (WHERE e.status >= 400) AS errors, coalesce(sum(e.charged), 0)::bigint AS charged,
    coalesce(sum(e.refunded), 0)::bigint AS refunded, round(avg(e."latencyMs")::numeric, 1)::float8 AS "avgLatencyMs"`;
  type Row = Omit<UsageTotals, "requests" | "errors"> & { requests: bigint; errors: bigint };
  const totals = (row: Row): UsageTotals => ({
    requests: Number(row.requests),
    errors: Number(row.errors),
    charged: row.charged,
    refunded: row.refunded,
    avgLatencyMs: row.avgLatencyMs,
  });
  const [all, byApi, byDay] = [
    await db.$queryRaw<Row[]>`SELECT ${sums} ${where}`,
    await db.$queryRaw<
      (Row & { api: string | null })[]
    >`SELECT a.slug AS api, ${sums} ${where} GROUP BY a.slug ORDER BY requests DESC, api`,
    await db.$queryRaw<
      (Row & { day: string })[]
    >`SELECT to_char(e."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${sums} ${where} GROUP BY day ORDER BY day`,
  ];
  return {
    totals: totals(all[0]!),
    byApi: byApi.map((row) => ({ api: row.api, ...totals(row) })),
    byDay: byDay.map((row) => ({ day: row.day, ...totals(row) })),
  };
}

const usage = (team: string, query = "") => call(usageRoute.GET, "GET", `/api/v1/teams/${team}/usage${query}`, { params: { team } });

describe("usage", () => {
  it("sums requests, errors, charges and refunds, per API and per UTC day", async () => {
    const { team } = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    const weather = await seedApi();
    const quotes = await seedApi();
    await seedEvents(team.id, [
      { apiId: weather.id, status: 200, charged: 2_000n, latencyMs: 10, at: "2025-03-01T10:00:00Z" },
      { apiId: weather.id, status: 502, charged: 2_000n, refunded: 2_000n, latencyMs: 30, at: "2025-03-01T23:59:59Z" },
      { apiId: quotes.id, status: 429, latencyMs: 2, at: "2025-03-02T00:00:00Z" },
      { apiId: quotes.id, status: 200, charged: 500_000n, latencyMs: 6, at: "2025-03-02T08:00:00Z" },
      { apiId: quotes.id, status: 200, charged: 1n, latencyMs: 1, at: "2025-03-03T00:00:00Z" }, // outside [from, to)
    ]);
    await seedEvents(other.team.id, [{ apiId: weather.id, status: 200, charged: 9_999n, latencyMs: 1, at: "2025-03-01T12:00:00Z" }]);

    const result = await usage(team.slug, "?from=2025-03-01T00:00:00Z&to=2025-03-03T00:00:00Z");
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ from: "2025-03-01T00:00:00.000Z", to: "2025-03-03T00:00:00.000Z", api: null, currency: "USD" });
    expect(result.body.totals).toEqual({ requests: 4, errors: 2, charged: "0.504000", refunded: "0.002000", avgLatencyMs: 12 });
    expect(result.body.byApi).toEqual(
      expect.arrayContaining([
        { api: weather.slug, requests: 2, errors: 1, charged: "0.004000", refunded: "0.002000", avgLatencyMs: 20 },
        { api: quotes.slug, requests: 2, errors: 1, charged: "0.500000", refunded: "0.000000", avgLatencyMs: 4 },
      ]),
    );
    expect(result.body.byDay.map((day: { day: string; requests: number }) => [day.day, day.requests])).toEqual([
      ["2025-03-01", 2],
      ["2025-03-02", 2],
    ]);

    const filtered = await usage(team.slug, `?from=2025-03-01&to=2025-03-03&api=${quotes.slug}`);
    expect(filtered.body).toMatchObject({ api: quotes.slug, totals: { requests: 2, charged: "0.500000" } });
    expect(filtered.body.byApi).toHaveLength(1);
  });

  it("defaults to the last 24 hours and answers zeros when nothing happened", async () => {
    const { team } = await createTeamWithOwner();
    const result = await usage(team.slug);
    expect(result.status).toBe(200);
    expect(Date.parse(result.body.to) - Date.parse(result.body.from)).toBe(86_400_000);
    expect(result.body).toMatchObject({
      totals: { requests: 0, errors: 0, charged: "0.000000", refunded: "0.000000", avgLatencyMs: null },
      byApi: [],
      byDay: [],
    });
  });

  it("answers 400 for bad dates, from after to, and ranges over 366 days", async () => {
    const { team } = await createTeamWithOwner();
    const bad = await usage(team.slug, "?from=yesterday");
    expect(bad).toMatchObject({ status: 400, body: { code: "bad_request", errors: { from: expect.stringContaining("ISO 8601") } } });
    const reversed = await usage(team.slug, "?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z");
    expect(reversed).toMatchObject({ status: 400, body: { detail: "`from` must be before `to`." } });
    const long = await usage(team.slug, "?from=2024-01-01&to=2025-03-01");
    expect(long).toMatchObject({ status: 400, body: { detail: expect.stringContaining("366 days") } });
    expect((await usage(team.slug, "?api=Not A Slug")).status).toBe(400);
  });

  it("equals a plain sum of the events across rollups, partial-hour edges, and calls without a key or an API", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const [first, second] = apis;
    const gone = await db.api.create({
      data: { slug: `gone-${crypto.randomBytes(4).toString("hex")}`, name: "Gone", upstreamBaseUrl: "http://127.0.0.1:9" },
    });
    const events = [];
    // Three days, every 37 minutes, across both APIs and keys, with errors, refunds and varied latency.
    for (let i = 0; i < 3 * 24 * 60; i += 37) {
      const at = new Date(Date.parse("2025-06-01T00:00:00Z") + i * 60_000 + (i % 60) * 1000);
      const status = i % 11 === 0 ? 502 : i % 7 === 0 ? 429 : 200;
      events.push(
        usageEvent({
          teamId: team.id,
          apiId: (i % 2 ? first : second)!.id,
          apiKeyId: keys[i % 3 ? 0 : 1]!.id,
          createdAt: at,
          status,
          latencyMs: 3 + (i % 97),
          charged: status === 429 ? 0n : 1_000n + BigInt(i % 5),
          refunded: status === 502 ? 1_000n + BigInt(i % 5) : 0n,
        }),
      );
      if (i % 5 === 0)
        events.push(usageEvent({ teamId: team.id, apiId: gone.id, apiKeyId: keys[0]!.id, createdAt: at, latencyMs: 40, charged: 7n }));
      if (i % 4 === 0)
        events.push(
          usageEvent({ teamId: team.id, apiId: null, apiKeyId: keys[0]!.id, createdAt: at, status: 404, latencyMs: 1, charged: 0n }),
        );
      if (i % 6 === 0)
        events.push(
          usageEvent({ teamId: team.id, apiId: first!.id, apiKeyId: null, createdAt: at, status: 401, latencyMs: 2, charged: 0n }),
        );
    }
    await writeEvents(events);
    // Deleting a key or an API drops their rollups; their events stay, without the id.
    await db.apiKey.delete({ where: { id: keys[1]!.id } });
    await db.api.delete({ where: { id: gone.id } });
    const rolledUp = await db.usageRollup.count({ where: { teamId: team.id } });
    expect(rolledUp).toBeGreaterThan(0);

    const ranges: [string, string][] = [
      ["2025-06-01T10:17:23.456Z", "2025-06-03T15:43:00Z"], // partial hours at both edges
      ["2025-06-01T00:00:00Z", "2025-06-04T00:00:00Z"], // whole days
      ["2025-06-02T10:05:00Z", "2025-06-02T10:50:00Z"], // inside one hour
      ["2025-06-02T23:30:00Z", "2025-06-03T01:30:00Z"], // across midnight
    ];
    for (const [from, to] of ranges) {
      const range = { from: new Date(from), to: new Date(to) };
      for (const slug of [undefined, first!.slug, second!.slug, "no-such-api"]) {
        const expected = await rawReport(team.id, range.from, range.to, slug);
        expect(await getUsageSummary(team.id, range, slug)).toEqual(expected);
        expect(await getUsageSummary(team.id, range, slug, "raw")).toEqual(expected);
      }
    }
    const whole = await rawReport(team.id, new Date("2025-06-01"), new Date("2025-06-04"));
    expect(whole.byApi.map((row) => row.api)).toContain(null); // the deleted API's and API-less calls
    expect(whole.totals.requests).toBe(events.length);

    // And through the route, in wire form.
    const result = await usage(team.slug, "?from=2025-06-01T10:17:23.456Z&to=2025-06-03T15:43:00Z");
    const expected = await rawReport(team.id, new Date("2025-06-01T10:17:23.456Z"), new Date("2025-06-03T15:43:00Z"));
    expect(result.body.totals).toMatchObject({
      requests: expected.totals.requests,
      errors: expected.totals.errors,
      avgLatencyMs: expected.totals.avgLatencyMs,
    });
    expect(result.body.byDay.map((day: { day: string; requests: number }) => [day.day, day.requests])).toEqual(
      expected.byDay.map((day) => [day.day, day.requests]),
    );
  });
});
