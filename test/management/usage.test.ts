// GET /api/v1/teams/{team}/usage: aggregation of seeded usage_events rows, the team filter, and
// parameter checks.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as usageRoute from "@/app/api/v1/teams/[team]/usage/route";
import { createTeamWithOwner } from "../factories";
import { call, seedApi } from "../support/management-factories";

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
    expect(result.body.byDay.map((day: { day: string; requests: number }) => [day.day, day.requests])).toEqual([["2025-03-01", 2], ["2025-03-02", 2]]);

    const filtered = await usage(team.slug, `?from=2025-03-01&to=2025-03-03&api=${quotes.slug}`);
    expect(filtered.body).toMatchObject({ api: quotes.slug, totals: { requests: 2, charged: "0.500000" } });
    expect(filtered.body.byApi).toHaveLength(1);
  });

  it("defaults to the last 24 hours and answers zeros when nothing happened", async () => {
    const { team } = await createTeamWithOwner();
    const result = await usage(team.slug);
    expect(result.status).toBe(200);
    expect(Date.parse(result.body.to) - Date.parse(result.body.from)).toBe(86_400_000);
    expect(result.body).toMatchObject({ totals: { requests: 0, errors: 0, charged: "0.000000", refunded: "0.000000", avgLatencyMs: null }, byApi: [], byDay: [] });
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
});
