// The management API's one guard: admin token or a team key with `manage`; problem+json for every
// refusal; a team key reaches its own team only.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { defineOperation } from "@/lib/management/define-operation";
import { managementRoute } from "@/lib/management/run-operation";
import * as apisRoute from "@/app/api/v1/apis/route";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import * as keysRoute from "@/app/api/v1/teams/[team]/keys/route";
import * as keyRoute from "@/app/api/v1/teams/[team]/keys/[id]/route";
import * as balanceRoute from "@/app/api/v1/teams/[team]/balance/route";
import * as subscriptionsRoute from "@/app/api/v1/teams/[team]/subscriptions/route";
import * as creditsRoute from "@/app/api/v1/teams/[team]/credits/route";
import { createTeamWithOwner } from "../factories";
import { adminToken, apiBody, call, createTeamKey, seedApi } from "../support/management-factories";
import { captureLogs, LEVEL } from "../support/log-capture";

function expectProblem(result: { status: number; headers: Headers; body: any }, status: number, code: string) {
  expect(result.status).toBe(status);
  expect(result.headers.get("content-type")).toBe("application/problem+json");
  expect(result.body).toMatchObject({ status, code, requestId: expect.stringMatching(/^req_/), detail: expect.any(String) });
  expect(result.headers.get("x-request-id")).toBe(result.body.requestId);
}

describe("authentication", () => {
  it("accepts the admin token", async () => {
    const result = await call(apisRoute.GET, "GET", "/api/v1/apis");
    expect(result.status).toBe(200);
    expect(result.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers 401 with WWW-Authenticate for a missing or wrong token, without echoing it", async () => {
    const missing = await call(apisRoute.GET, "GET", "/api/v1/apis", { token: null });
    expectProblem(missing, 401, "unauthorized");
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);

    const wrongToken = `${adminToken()}x`;
    const wrong = await call(apisRoute.GET, "GET", "/api/v1/apis", { token: wrongToken });
    expectProblem(wrong, 401, "unauthorized");
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(JSON.stringify(wrong.body)).not.toContain(wrongToken);
  });

  it("refuses a key without the manage scope with 403", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id, { scopeManage: false });
    expectProblem(
      await call(teamRoute.GET, "GET", `/api/v1/teams/${team.slug}`, { token: key, params: { team: team.slug } }),
      403,
      "forbidden",
    );
  });

  it("refuses a revoked key at once, and an expired key", async () => {
    const { team } = await createTeamWithOwner();
    const { key, row } = await createTeamKey(team.id);
    const params = { team: team.slug };
    expect((await call(teamRoute.GET, "GET", `/api/v1/teams/${team.slug}`, { token: key, params })).status).toBe(200);

    const revoked = await call(keyRoute.DELETE, "DELETE", `/api/v1/teams/${team.slug}/keys/${row.id}`, {
      params: { ...params, id: row.id },
    });
    expect(revoked.status).toBe(200);
    expectProblem(await call(teamRoute.GET, "GET", `/api/v1/teams/${team.slug}`, { token: key, params }), 401, "unauthorized");

    const { key: expired } = await createTeamKey(team.id, { expiresAt: new Date(Date.now() - 1000) });
    const result = await call(teamRoute.GET, "GET", `/api/v1/teams/${team.slug}`, { token: expired, params });
    expectProblem(result, 401, "unauthorized");
    expect(result.body.detail).toContain("expired");
  });

  it("keeps admin-only operations from team keys (403)", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const body = apiBody();
    expectProblem(await call(apisRoute.POST, "POST", "/api/v1/apis", { token: key, body }), 403, "forbidden");
    expect(await db.api.findUnique({ where: { slug: body.slug } })).toBeNull();
    const credit = { amount: "100.00", reason: "free money" };
    expectProblem(
      await call(creditsRoute.POST, "POST", `/api/v1/teams/${team.slug}/credits`, {
        token: key,
        body: credit,
        params: { team: team.slug },
      }),
      403,
      "forbidden",
    );
  });
});

describe("team isolation", () => {
  it("answers 404 for another team, exactly as for a team that does not exist, and changes nothing", async () => {
    const mine = await createTeamWithOwner();
    const other = await createTeamWithOwner();
    const { key } = await createTeamKey(mine.team.id);
    const { row: otherKey } = await createTeamKey(other.team.id);
    const api = await seedApi();

    for (const ref of [other.team.slug, other.team.id]) {
      const result = await call(balanceRoute.GET, "GET", `/api/v1/teams/${ref}/balance`, { token: key, params: { team: ref } });
      expectProblem(result, 404, "not_found");
      const missing = await call(balanceRoute.GET, "GET", "/api/v1/teams/no-such-team/balance", {
        token: key,
        params: { team: "no-such-team" },
      });
      expect(result.body.detail).toBe(missing.body.detail);
    }
    const otherParams = { team: other.team.slug };
    expectProblem(await call(keysRoute.GET, "GET", "/x", { token: key, params: otherParams }), 404, "not_found");
    expectProblem(
      await call(keyRoute.DELETE, "DELETE", "/x", { token: key, params: { ...otherParams, id: otherKey.id } }),
      404,
      "not_found",
    );
    expectProblem(
      await call(keysRoute.POST, "POST", "/x", { token: key, params: otherParams, body: { name: "intruder" } }),
      404,
      "not_found",
    );
    const subscribe = { api: api.slug, plan: api.plans[0]!.slug };
    expectProblem(
      await call(subscriptionsRoute.POST, "POST", "/x", { token: key, params: otherParams, body: subscribe }),
      404,
      "not_found",
    );
    expectProblem(
      await call(creditsRoute.POST, "POST", "/x", { token: key, params: otherParams, body: { amount: "5", reason: "mine now" } }),
      404,
      "not_found",
    );

    expect(await db.apiKey.findUniqueOrThrow({ where: { id: otherKey.id } })).toMatchObject({ revokedAt: null });
    expect(await db.apiKey.count({ where: { teamId: other.team.id } })).toBe(1);
    expect(await db.subscription.count({ where: { teamId: other.team.id } })).toBe(0);
    expect(await db.team.findUniqueOrThrow({ where: { id: other.team.id } })).toMatchObject({ balance: 0n });
  });

  it("lets a team key address its own team by slug or id", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    for (const ref of [team.slug, team.id]) {
      const result = await call(teamRoute.GET, "GET", `/api/v1/teams/${ref}`, { token: key, params: { team: ref } });
      expect(result.body).toMatchObject({ id: team.id, slug: team.slug, balance: "0.000000" });
    }
  });
});

describe("request parsing and errors", () => {
  it("answers 400 for a body that is not JSON and 422 with field errors for a wrong shape", async () => {
    expectProblem(await call(apisRoute.POST, "POST", "/api/v1/apis", { rawBody: "{not json" }), 400, "bad_request");
    const invalid = await call(apisRoute.POST, "POST", "/api/v1/apis", {
      body: apiBody({ slug: "Bad Slug!", upstreamBaseUrl: "ftp://files.example", plans: [{ slug: "x", name: "X", price: "1.2345678" }] }),
    });
    expectProblem(invalid, 422, "validation_failed");
    expect(invalid.body.errors).toMatchObject({
      slug: expect.any(String),
      upstreamBaseUrl: "Use an http:// or https:// URL.",
      "plans.0.price": expect.stringContaining("six decimals"),
      "plans.0.rateLimit": expect.any(String),
    });
  });

  it("logs an unexpected error with the request id and answers a generic 500", async () => {
    const operation = defineOperation({
      operationId: "boom",
      method: "GET",
      path: "/api/v1/boom",
      tag: "Meta",
      summary: "fails",
      description: "Always throws an unexpected error.",
      access: "any",
      response: { status: 200, description: "never", schema: z.object({}) },
      run: async () => {
        throw new Error("database on fire: secret internals");
      },
    });
    const handler = managementRoute(operation);
    const logs = captureLogs();
    const result = await call(handler, "GET", "/api/v1/boom");
    logs.stop();
    expectProblem(result, 500, "internal_error");
    expect(result.body.detail).not.toContain("secret internals");
    expect(logs.lines(LEVEL.error)).toEqual([
      expect.objectContaining({ module: "management", requestId: result.body.requestId, path: "/api/v1/boom", msg: "unexpected error" }),
    ]);
    expect(logs.text()).toContain("database on fire"); // the stack, for the operator
    expect(logs.text()).not.toContain(adminToken());
  });
});
