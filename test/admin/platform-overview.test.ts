// lib/admin/platform-overview.ts and usage-windows.ts: the overview's figures. Windowed figures are
// read at a moment in 2041, where only this file writes, and asserted exactly; the platform-wide
// totals (users, teams, balances, pending approvals) are compared before and after.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getPlatformOverview, type PlatformOverview } from "@/lib/admin/platform-overview";
import { callsByDay, teamUsage, windowStart } from "@/lib/admin/usage-windows";
import { createTeamWithOwner } from "../factories";
import { addEntries, at } from "../billing/ledger/ledger-fixtures";
import { addEvents, addRollups, createPlannedApi, daysBefore, hoursBefore } from "./admin-fixtures";

const NOW = at("2041-03-15T12:30:00Z");
type Figure = keyof PlatformOverview;

describe("windowStart", () => {
  it("covers whole hours ending with the current one", () => {
    expect(windowStart(NOW, 24)).toEqual(at("2041-03-14T13:00:00Z"));
    expect(windowStart(NOW, 1)).toEqual(at("2041-03-15T12:00:00Z"));
  });
});

describe("getPlatformOverview", () => {
  it("counts active teams, calls, errors, revenue, credit outstanding and pending approvals", async () => {
    const before = await getPlatformOverview({ now: NOW });
    const api = await createPlannedApi();
    const [basic, pro] = api.plans;
    const [a, b, c] = [await createTeamWithOwner(), await createTeamWithOwner(), await createTeamWithOwner()];

    await addRollups(a.team.id, api.id, [
      { at: hoursBefore(NOW, 2), requests: 10, errors: 2 },
      { at: at("2041-03-14T13:00:00Z"), requests: 3 }, // first hour of the 24-hour window
      { at: at("2041-03-14T12:59:00Z"), requests: 4 }, // the hour before it: 30 days only
      { at: daysBefore(NOW, 10), requests: 5 },
      { at: hoursBefore(NOW, -1), requests: 100 }, // a later hour: not yet
    ]);
    await addRollups(b.team.id, api.id, [{ at: daysBefore(NOW, 29), requests: 7 }]);
    await addRollups(c.team.id, api.id, [{ at: daysBefore(NOW, 31), requests: 50 }]); // too old: c is not active

    await addEvents([
      { teamId: a.team.id, status: 200, at: hoursBefore(NOW, 1) },
      { teamId: a.team.id, status: 502, at: hoursBefore(NOW, 2) },
      { teamId: a.team.id, status: 429, at: hoursBefore(NOW, 3) },
      { teamId: null, status: 401, at: hoursBefore(NOW, 4) },
      { teamId: null, status: 401, at: hoursBefore(NOW, 23.9) },
      { teamId: null, status: 401, at: hoursBefore(NOW, 24.1) }, // older than 24 hours
      { teamId: a.team.id, status: 500, at: hoursBefore(NOW, 30) },
      { teamId: a.team.id, status: 200, at: hoursBefore(NOW, -0.1) }, // after `now`
    ]);

    await addEntries(a.team.id, [
      { kind: "TOPUP", amount: 10_000_000n, createdAt: at("2041-03-15T01:00:00Z") },
      { kind: "AUTO_RECHARGE", amount: 5_000_000n, createdAt: at("2041-02-20T08:00:00Z") },
      { kind: "PAYMENT_REFUND", amount: -3_000_000n, createdAt: at("2041-03-01T08:00:00Z") },
      { kind: "GRANT", amount: 100_000_000n, createdAt: at("2041-03-15T02:00:00Z") }, // given, not sold
    ]);
    await addEntries(b.team.id, [{ kind: "TOPUP", amount: 7_000_000n, createdAt: at("2041-02-10T00:00:00Z") }]); // before the 30 days

    await db.subscription.createMany({
      data: [
        { teamId: a.team.id, apiId: api.id, planId: pro!.id, status: "PENDING" },
        { teamId: b.team.id, apiId: api.id, planId: basic!.id, status: "ACTIVE", pendingPlanId: pro!.id },
        { teamId: c.team.id, apiId: api.id, planId: basic!.id, status: "ACTIVE" },
      ],
    });

    const after = await getPlatformOverview({ now: NOW });
    // Each figure's change (numbers and BigInt money alike).
    const delta = Object.fromEntries(
      Object.keys(after).map((key) => [key, (after[key as Figure] as number) - (before[key as Figure] as number)]),
    );
    expect(delta).toEqual({
      activeTeams: 2,
      calls24h: 13,
      calls30d: 29,
      events24h: 5,
      errors24h: 4,
      serverErrors24h: 1,
      rejectedBeforeAuth24h: 2,
      revenue30d: 15_000_000n,
      refunds30d: 3_000_000n,
      creditOutstanding: 119_000_000n,
      pendingApprovals: 2,
      users: 3,
      teams: 3,
      apis: 1,
    });
    // Nothing else writes in 2041: the windowed figures are this test's alone.
    expect([before.activeTeams, before.calls30d, before.events24h]).toEqual([0, 0, 0]);

    const days = await callsByDay({ now: NOW, teamId: a.team.id });
    expect(days).toHaveLength(30);
    expect([days[0]!.day, days[29]!.day]).toEqual(["2041-02-14", "2041-03-15"]);
    expect(days.filter((day) => day.requests > 0)).toEqual([
      { day: "2041-03-05", requests: 5, errors: 0 },
      { day: "2041-03-14", requests: 7, errors: 0 },
      { day: "2041-03-15", requests: 110, errors: 2 }, // the whole UTC day, later hours included
    ]);
    const platform = await callsByDay({ now: NOW });
    expect(platform.find((day) => day.day === "2041-02-14")).toEqual({ day: "2041-02-14", requests: 7, errors: 0 });
    expect(platform.reduce((sum, day) => sum + day.requests, 0)).toBe(129);
  });

  it("sums one team's usage over 30 days from its rollups", async () => {
    const api = await createPlannedApi();
    const { team } = await createTeamWithOwner();
    await addRollups(team.id, api.id, [
      { at: hoursBefore(NOW, 1), requests: 4, errors: 1, charged: 4_000n, refunded: 1_000n },
      { at: daysBefore(NOW, 20), requests: 6, errors: 0, charged: 6_000n },
      { at: daysBefore(NOW, 40), requests: 9, errors: 9, charged: 9_000n },
    ]);
    expect(await teamUsage(team.id, { now: NOW })).toEqual({ requests: 10, errors: 1, charged: 10_000n, refunded: 1_000n });
    expect(await teamUsage(team.id, { now: NOW, hours: 24 })).toEqual({ requests: 4, errors: 1, charged: 4_000n, refunded: 1_000n });
  });
});
