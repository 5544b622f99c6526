// lib/admin/audit-filters.ts and list-audit-log.ts: each filter narrows the log as documented, bad
// filters come back as readable messages, and paging through the log repeats and skips nothing.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { parseAuditFilters, type SearchParams } from "@/lib/admin/audit-filters";
import { decodeCursor, listAuditLog } from "@/lib/admin/list-audit-log";
import { createTeamWithOwner, createUser } from "../factories";
import { createRawKey } from "../support/gateway-factories";
import { createTestApi } from "../support/key-factories";

/** A fresh namespace of actions per test, so other files' audit rows never match. */
const namespace = () => `t${crypto.randomBytes(4).toString("hex")}`;

async function list(params: SearchParams) {
  const { filters, errors } = parseAuditFilters(params);
  expect(errors).toEqual({});
  return listAuditLog(filters);
}
const actions = async (params: SearchParams) => (await list(params)).rows.map((row) => row.action);

async function seed() {
  const ns = namespace();
  const alice = await createUser();
  const bob = await createUser();
  const { team } = await createTeamWithOwner();
  const { keyRow } = await createRawKey(team.id);
  const rows: Prisma.AuditLogCreateManyInput[] = [
    {
      action: `${ns}.api.created`,
      actorType: "USER",
      actorUserId: alice.id,
      targetType: "api",
      targetId: `${ns}-api-1`,
      createdAt: new Date("2043-01-01T10:00:00Z"),
    },
    {
      action: `${ns}.api.updated`,
      actorType: "USER",
      actorUserId: bob.id,
      teamId: team.id,
      targetType: "api",
      targetId: `${ns}-api-1`,
      createdAt: new Date("2043-01-02T23:59:59Z"),
      requestId: "req_audit_1",
      metadata: { fields: ["name"] },
    },
    {
      action: `${ns}.apikey.revoked`,
      actorType: "API_KEY",
      actorKeyId: keyRow.id,
      teamId: team.id,
      targetType: "api_key",
      targetId: keyRow.id,
      createdAt: new Date("2043-01-03T00:00:00Z"),
    },
    {
      action: `${ns}.api`,
      actorType: "ADMIN_TOKEN",
      targetType: "api",
      targetId: `${ns}-api-2`,
      createdAt: new Date("2043-01-04T12:00:00Z"),
    },
    {
      action: `${ns}.apis.listed`,
      actorType: "SYSTEM",
      targetType: "user",
      targetId: alice.id,
      createdAt: new Date("2043-01-05T12:00:00Z"),
    },
    {
      action: `${ns}.team.renamed`,
      actorType: "SYSTEM",
      targetType: "team",
      targetId: team.id,
      createdAt: new Date("2043-01-05T13:00:00Z"),
    },
  ];
  await db.auditLog.createMany({ data: rows });
  return { ns, alice, bob, team, keyRow };
}

describe("listAuditLog filters", () => {
  it("matches an action exactly or as a dotted prefix, never a longer word", async () => {
    const { ns } = await seed();
    expect(await actions({ action: `${ns}.api` })).toEqual([`${ns}.api`, `${ns}.api.updated`, `${ns}.api.created`]);
    expect(await actions({ action: `${ns}.api.` })).toEqual([`${ns}.api`, `${ns}.api.updated`, `${ns}.api.created`]);
    expect(await actions({ action: `${ns}.api.*` })).toEqual([`${ns}.api`, `${ns}.api.updated`, `${ns}.api.created`]);
    expect(await actions({ action: `${ns}.api.updated` })).toEqual([`${ns}.api.updated`]);
    expect(await actions({ action: `${ns.toUpperCase()}.APIS` })).toEqual([`${ns}.apis.listed`]);
  });

  it("narrows by actor email, team slug, target and dates, and combines filters", async () => {
    const { ns, alice, bob, team, keyRow } = await seed();
    expect(await actions({ action: ns, actor: alice.email.toUpperCase() })).toEqual([`${ns}.api.created`]);
    expect(await actions({ action: ns, team: team.slug })).toEqual([`${ns}.apikey.revoked`, `${ns}.api.updated`]);
    expect(await actions({ action: ns, targetType: "api" })).toEqual([`${ns}.api`, `${ns}.api.updated`, `${ns}.api.created`]);
    expect(await actions({ targetType: "api", targetId: `${ns}-api-1` })).toEqual([`${ns}.api.updated`, `${ns}.api.created`]);
    expect(await actions({ action: ns, actor: bob.email, team: team.slug, targetId: `${ns}-api-1` })).toEqual([`${ns}.api.updated`]);
    // "to" is a whole day, inclusive; "from" starts at midnight UTC.
    expect(await actions({ action: ns, from: "2043-01-02", to: "2043-01-03" })).toEqual([`${ns}.apikey.revoked`, `${ns}.api.updated`]);
    expect(await actions({ action: ns, to: "2043-01-02" })).toEqual([`${ns}.api.updated`, `${ns}.api.created`]);
    expect(await actions({ action: ns, from: "2043-01-04T12:00:00Z", to: "2043-01-05T12:30:00" })).toEqual([
      `${ns}.apis.listed`,
      `${ns}.api`,
    ]);

    const byTeam = await list({ action: ns, team: team.slug });
    expect(byTeam.rows.map((row) => [row.actorType, row.actorLabel, row.team?.slug])).toEqual([
      ["API_KEY", `API key ${keyRow.prefix}…${keyRow.lastFour}`, team.slug],
      ["USER", bob.email, team.slug],
    ]);
    expect(byTeam.rows[1]).toMatchObject({
      requestId: "req_audit_1",
      metadata: { fields: ["name"] },
      targetType: "api",
      targetLabel: null,
    });
    // User and team targets are named by email and slug.
    expect((await list({ action: ns, from: "2043-01-05" })).rows.map((row) => [row.action, row.targetLabel, row.actorLabel])).toEqual([
      [`${ns}.team.renamed`, `/${team.slug}`, null],
      [`${ns}.apis.listed`, alice.email, null],
    ]);
  });

  it("names every kind of target beside its id: a key as its team sees it, an API, a membership", async () => {
    const { ns, team, keyRow } = await seed();
    const key = await db.apiKey.findUniqueOrThrow({ where: { id: keyRow.id }, select: { name: true } });
    const demo = await createTestApi();
    const membership = await db.membership.findFirstOrThrow({
      where: { teamId: team.id },
      select: { id: true, user: { select: { email: true } } },
    });
    await db.auditLog.createMany({
      data: [
        {
          action: `${ns}.named.api`,
          actorType: "SYSTEM",
          targetType: "api",
          targetId: demo.id,
          createdAt: new Date("2043-02-01T10:00:00Z"),
        },
        {
          action: `${ns}.named.member`,
          actorType: "SYSTEM",
          targetType: "membership",
          targetId: membership.id,
          createdAt: new Date("2043-02-01T11:00:00Z"),
        },
      ],
    });
    const labels = new Map((await list({ action: ns })).rows.map((row) => [row.action, row.targetLabel]));
    expect(labels.get(`${ns}.apikey.revoked`)).toBe(`${key.name} (${keyRow.prefix}…${keyRow.lastFour})`);
    expect(labels.get(`${ns}.named.api`)).toBe(`${demo.name} (${demo.slug})`);
    expect(labels.get(`${ns}.named.member`)).toBe(membership.user.email);
    // A target that no longer exists keeps only its id.
    expect(labels.get(`${ns}.api.updated`)).toBeNull();
  });

  it("says when the actor or team does not exist instead of listing everything", async () => {
    expect(await list({ actor: "nobody-here@example.test" })).toEqual({ rows: [], nextCursor: null, unknown: "actor" });
    expect(await list({ team: `no-team-${namespace()}` })).toEqual({ rows: [], nextCursor: null, unknown: "team" });
  });
});

describe("parseAuditFilters", () => {
  it("refuses dates that are not dates and ranges that end before they start, with a message per field", () => {
    expect(parseAuditFilters({ from: "yesterday", to: "2043-02-30" }).errors).toEqual({
      from: "Enter a date as YYYY-MM-DD, e.g. 2026-11-24.",
      to: "Enter a date as YYYY-MM-DD, e.g. 2026-11-24.",
    });
    expect(parseAuditFilters({ from: "2043-13-45", to: "2043-01-01T25:00:00Z" }).errors).toEqual({
      from: "Enter a date as YYYY-MM-DD, e.g. 2026-11-24.",
      to: "Enter a date as YYYY-MM-DD, e.g. 2026-11-24.",
    });
    expect(parseAuditFilters({ from: "2043-01-05", to: "2043-01-04" }).errors).toEqual({ to: "The end date is before the start date." });
    expect(parseAuditFilters({ action: "api.'; drop" }).errors).toEqual({
      action: "Actions are dotted words, e.g. api. or user.disabled.",
    });
    const ok = parseAuditFilters({ from: "2043-01-05", to: "2043-01-05", action: ["user.disabled", "x"] });
    expect(ok.filters).toEqual({
      action: "user.disabled",
      from: new Date("2043-01-05T00:00:00Z"),
      before: new Date("2043-01-06T00:00:00Z"),
    });
  });
});

describe("listAuditLog pages", () => {
  it("walks 120 entries 50 at a time, newest first, without repeats, also across equal timestamps", async () => {
    const ns = namespace();
    const { team } = await createTeamWithOwner();
    const base = Date.parse("2043-06-01T00:00:00Z");
    // Pairs share a timestamp: the id breaks the tie.
    await db.auditLog.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        action: `${ns}.step`,
        actorType: "SYSTEM" as const,
        teamId: team.id,
        targetId: String(i),
        createdAt: new Date(base + Math.floor(i / 2) * 1000),
      })),
    });
    const { filters } = parseAuditFilters({ action: ns, team: team.slug });
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listAuditLog(filters, { cursor });
      sizes.push(page.rows.length);
      seen.push(...page.rows.map((row) => row.targetId!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    const times = seen.map((i) => Math.floor(Number(i) / 2));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(decodeCursor("not a cursor")).toBeNull();
    expect((await listAuditLog(filters, { cursor: "garbage" })).rows).toHaveLength(50);
  });
});
