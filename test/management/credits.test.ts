// POST /api/v1/teams/{team}/credits and GET .../balance over the route handlers.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as creditsRoute from "@/app/api/v1/teams/[team]/credits/route";
import * as balanceRoute from "@/app/api/v1/teams/[team]/balance/route";
import { createTeamWithOwner } from "../factories";
import { call, createTeamKey } from "../support/management-factories";
import { expectLedgerInvariant } from "../support/ledger";

const grant = (team: string, body: unknown, headers?: Record<string, string>) =>
  call(creditsRoute.POST, "POST", `/api/v1/teams/${team}/credits`, { params: { team }, body, headers });

describe("credits", () => {
  it("grants credit with decimal strings, once per Idempotency-Key", async () => {
    const { team } = await createTeamWithOwner();
    const headers = { "idempotency-key": "9b2f6a7c-grant" };
    const first = await grant(team.slug, { amount: "12.50", reason: "welcome credit" }, headers);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      entry: {
        id: expect.any(String),
        kind: "GRANT",
        amount: "12.500000",
        balanceAfter: "12.500000",
        reason: "welcome credit",
        requestId: expect.stringMatching(/^req_/),
        createdAt: expect.any(String),
      },
      balance: "12.500000",
      currency: "USD",
    });

    const replay = await grant(team.slug, { amount: "12.50", reason: "welcome credit" }, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id } })).toBe(1);

    const balance = await call(balanceRoute.GET, "GET", `/api/v1/teams/${team.slug}/balance`, { params: { team: team.slug } });
    expect(balance.body).toEqual({ balance: "12.500000", currency: "USD" });
  });

  it("takes credit away with a negative adjustment and keeps the ledger in step", async () => {
    const { team } = await createTeamWithOwner();
    await grant(team.id, { amount: "1", reason: "start" });
    const adjusted = await grant(team.id, { amount: "-1.75", reason: "correction", kind: "ADJUSTMENT" });
    expect(adjusted.body).toMatchObject({ entry: { kind: "ADJUSTMENT", amount: "-1.750000" }, balance: "-0.750000" });
    await expectLedgerInvariant(team.id);
  });

  it("validates the body and the Idempotency-Key", async () => {
    const { team } = await createTeamWithOwner();
    const invalid = await grant(team.slug, { amount: "-5", reason: "x" });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(["amount", "reason"]);
    const badKey = await grant(team.slug, { amount: "5", reason: "fine" }, { "idempotency-key": "has spaces in it" });
    expect(badKey).toMatchObject({ status: 400, body: { code: "bad_request" } });
    expect((await grant("no-such-team", { amount: "5", reason: "ghost" })).status).toBe(404);
    expect(await db.creditLedgerEntry.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("lets a team key read its own balance", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const result = await call(balanceRoute.GET, "GET", `/api/v1/teams/${team.slug}/balance`, { token: key, params: { team: team.slug } });
    expect(result.body).toEqual({ balance: "0.000000", currency: "USD" });
  });
});
