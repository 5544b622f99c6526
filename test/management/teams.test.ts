// /api/v1/teams: admin creates teams (with an existing owner), lists them in pages; a team key sees
// only its own team.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as teamsRoute from "@/app/api/v1/teams/route";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import { createTeamWithOwner, createUser, uniqueName } from "../factories";
import { call, createTeamKey, uniqueSlug } from "../support/management-factories";

describe("POST /api/v1/teams", () => {
  it("creates a team with an existing user as owner and audits it", async () => {
    const owner = await createUser();
    const name = uniqueName("Acme");
    const slug = uniqueSlug("acme");
    const result = await call(teamsRoute.POST, "POST", "/api/v1/teams", { body: { name, slug, ownerEmail: owner.email.toUpperCase() } });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ name, slug, personal: false, balance: "0.000000", currency: "USD" });
    expect(await db.membership.findMany({ where: { teamId: result.body.id } })).toEqual([
      expect.objectContaining({ userId: owner.id, role: "OWNER" }),
    ]);
    expect(await db.auditLog.findFirst({ where: { targetId: result.body.id, action: "team.created" } })).toMatchObject({
      actorType: "ADMIN_TOKEN",
    });
  });

  it("refuses an unknown owner email (422), a taken slug (409) and a reserved slug (422)", async () => {
    const unknown = await call(teamsRoute.POST, "POST", "/api/v1/teams", {
      body: { name: uniqueName(), ownerEmail: "nobody-here@example.test" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual({ ownerEmail: "No account uses this email." });
    expect(unknown.body.detail).toContain("must sign up first");

    const { team } = await createTeamWithOwner();
    const taken = await call(teamsRoute.POST, "POST", "/api/v1/teams", { body: { name: uniqueName(), slug: team.slug } });
    expect(taken).toMatchObject({ status: 409, body: { code: "conflict" } });
    expect((await call(teamsRoute.POST, "POST", "/api/v1/teams", { body: { name: uniqueName(), slug: "admin" } })).status).toBe(422);
  });

  it("derives a slug from the name when none is given", async () => {
    const result = await call(teamsRoute.POST, "POST", "/api/v1/teams", { body: { name: "Zeta Widgets" } });
    expect(result.body.slug).toMatch(/^zeta-widgets/);
  });
});

describe("GET /api/v1/teams", () => {
  it("pages through every team for the admin", async () => {
    for (let i = 0; i < 3; i++) await createTeamWithOwner();
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await call(teamsRoute.GET, "GET", `/api/v1/teams${query}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      for (const team of page.body.data) {
        expect(seen.has(team.id)).toBe(false);
        seen.add(team.id);
      }
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(await db.team.count());
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it("gives a team key a list with only its own team", async () => {
    const { team } = await createTeamWithOwner();
    await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const result = await call(teamsRoute.GET, "GET", "/api/v1/teams", { token: key });
    expect(result.body).toEqual({ data: [expect.objectContaining({ id: team.id })], nextCursor: null });
  });

  it("answers 400 for a bad limit", async () => {
    const result = await call(teamsRoute.GET, "GET", "/api/v1/teams?limit=0");
    expect(result).toMatchObject({ status: 400, body: { code: "bad_request", errors: { limit: expect.any(String) } } });
  });

  it("GET /api/v1/teams/{team} reads any team for the admin", async () => {
    const { team } = await createTeamWithOwner();
    const result = await call(teamRoute.GET, "GET", `/api/v1/teams/${team.id}`, { params: { team: team.id } });
    expect(result.body).toMatchObject({ id: team.id, slug: team.slug, name: team.name });
  });
});
