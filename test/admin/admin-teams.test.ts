// lib/admin/list-admin-teams.ts and get-admin-team.ts: the admin teams list (search, sorts, pages
// without duplicates) and one team's detail (members, subscriptions, keys, usage).
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAdminTeams, parseTeamSort } from "@/lib/admin/list-admin-teams";
import { getAdminTeam } from "@/lib/admin/get-admin-team";
import { PAGE_SIZE } from "@/lib/http/pagination";
import { createTeam } from "@/lib/teams/create-team";
import { addMember, createTeamWithOwner, createUser } from "../factories";
import { createRawKey, grant } from "../support/gateway-factories";
import { at } from "../billing/ledger/ledger-fixtures";
import { addRollups, createPlannedApi, daysBefore, hoursBefore } from "./admin-fixtures";

const NOW = at("2042-06-10T09:15:00Z");
const token = () => `zq${crypto.randomBytes(4).toString("hex")}`;

describe("listAdminTeams", () => {
  it("finds teams by part of the name or slug, case-insensitively, 25 a page without duplicates", async () => {
    const word = token();
    const owner = await createUser();
    for (let i = 0; i < PAGE_SIZE + 2; i++) await createTeam(owner.id, `Acme ${word.toUpperCase()} ${String(i).padStart(2, "0")}`);
    const other = await createTeamWithOwner();

    const first = await listAdminTeams({ query: word, page: 1 });
    const second = await listAdminTeams({ query: word, page: 2 });
    expect([first.rows.length, first.hasNext, second.rows.length, second.hasNext, second.hasPrevious]).toEqual([
      PAGE_SIZE,
      true,
      2,
      false,
      true,
    ]);
    const ids = [...first.rows, ...second.rows].map((team) => team.id);
    expect(new Set(ids).size).toBe(PAGE_SIZE + 2);
    expect(ids).not.toContain(other.team.id);
    // Newest first by default.
    expect(first.rows[0]!.name).toMatch(/ 26$/);

    const byName = await listAdminTeams({ query: word, sort: "name" });
    expect(byName.rows.map((team) => team.name.slice(-2))).toEqual(Array.from({ length: PAGE_SIZE }, (_, i) => String(i).padStart(2, "0")));

    // The slug (lowercase words of the name) matches too, and wildcards are plain characters.
    expect((await listAdminTeams({ query: `${word}-03` })).rows.map((team) => team.name.slice(-2))).toEqual(["03"]);
    expect((await listAdminTeams({ query: `${word}%` })).rows).toEqual([]);
    expect((await listAdminTeams({ query: `zq_${word.slice(3)}` })).rows).toEqual([]);
  });

  it("shows balance, members, active subscriptions and 30-day calls, and sorts by them", async () => {
    const word = token();
    const api = await createPlannedApi();
    const quiet = await createTeamWithOwner(`Quiet ${word}`);
    const busy = await createTeamWithOwner(`Busy ${word}`);
    const rich = await createTeamWithOwner(`Rich ${word}`);
    await addMember(busy.team.id, "MEMBER");
    await addMember(busy.team.id, "ADMIN");
    await grant(rich.team.id, 50_000_000n);
    await db.subscription.create({ data: { teamId: busy.team.id, apiId: api.id, planId: api.plans[0]!.id, status: "ACTIVE" } });
    await db.subscription.create({ data: { teamId: quiet.team.id, apiId: api.id, planId: api.plans[1]!.id, status: "PENDING" } });
    await addRollups(busy.team.id, api.id, [
      { at: hoursBefore(NOW, 1), requests: 40 },
      { at: daysBefore(NOW, 29), requests: 2 },
      { at: daysBefore(NOW, 45), requests: 1000 }, // older than 30 days
    ]);
    await addRollups(rich.team.id, api.id, [{ at: hoursBefore(NOW, 5), requests: 3 }]);

    const byCalls = await listAdminTeams({ query: word, sort: "calls", now: NOW });
    expect(byCalls.rows.map((team) => [team.name.split(" ")[0], team.calls30d, team.members, team.activeSubscriptions])).toEqual([
      ["Busy", 42, 3, 1],
      ["Rich", 3, 1, 0],
      ["Quiet", 0, 1, 0],
    ]);
    const byBalance = await listAdminTeams({ query: word, sort: "balance", now: NOW });
    expect(byBalance.rows[0]).toMatchObject({ slug: rich.team.slug, balance: 50_000_000n });
  });

  it("reads an unknown sort as newest first", () => {
    expect([parseTeamSort("calls"), parseTeamSort("drop table"), parseTeamSort(undefined), parseTeamSort(["name"])]).toEqual([
      "calls",
      "created",
      "created",
      "created",
    ]);
  });
});

describe("getAdminTeam", () => {
  it("returns members with roles and emails, subscriptions with plans, key counts and 30-day usage", async () => {
    const api = await createPlannedApi();
    const { team, owner } = await createTeamWithOwner();
    const { user: member } = await addMember(team.id, "MEMBER");
    await db.user.update({ where: { id: member.id }, data: { disabledAt: new Date() } });
    await db.subscription.create({
      data: { teamId: team.id, apiId: api.id, planId: api.plans[0]!.id, pendingPlanId: api.plans[1]!.id, status: "ACTIVE" },
    });
    await createRawKey(team.id, { revokedAt: new Date() });
    await createRawKey(team.id, { expiresAt: hoursBefore(NOW, 1) });
    await createRawKey(team.id, { expiresAt: hoursBefore(NOW, -1) });
    // addRollups makes one more active key for the rows.
    await addRollups(team.id, api.id, [
      { at: hoursBefore(NOW, 2), requests: 5, errors: 1, charged: 5_000n, refunded: 1_000n },
      { at: daysBefore(NOW, 31), requests: 9, charged: 9_000n },
    ]);

    const detail = await getAdminTeam(team.slug, NOW);
    expect(detail).toMatchObject({
      id: team.id,
      slug: team.slug,
      balance: 0n,
      keys: { active: 2, revoked: 1, expired: 1 },
      usage30d: { requests: 5, errors: 1, charged: 5_000n, refunded: 1_000n },
    });
    expect(detail!.memberships.map((m) => [m.role, m.user.email, Boolean(m.user.disabledAt)])).toEqual([
      ["OWNER", owner.email, false],
      ["MEMBER", member.email, true],
    ]);
    expect(detail!.subscriptions).toEqual([
      expect.objectContaining({
        status: "ACTIVE",
        api: { slug: api.slug, name: api.name },
        plan: { name: "Basic" },
        pendingPlan: { name: "Pro" },
      }),
    ]);
    expect(await getAdminTeam(`missing-${token()}`)).toBeNull();
  });
});
