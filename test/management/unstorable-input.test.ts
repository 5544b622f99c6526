// Input PostgreSQL cannot store (NUL, unpaired surrogates) and an OpenAPI document nested 20,000
// deep, through every part of a management request: each is a 4xx problem naming the field, never a
// 500 and never an error in the log.
import { describe, expect, it } from "vitest";
import * as teamsRoute from "@/app/api/v1/teams/route";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import * as apisRoute from "@/app/api/v1/apis/route";
import * as apiRoute from "@/app/api/v1/apis/[slug]/route";
import * as keysRoute from "@/app/api/v1/teams/[team]/keys/route";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation";
import { createTeamWithOwner } from "../factories";
import { apiBody, call, seedApi } from "../support/management-factories";
import { expectNoErrorLog } from "../support/no-error-log";

expectNoErrorLog();

/** `{"openapi":…,"x-deep":[[[…]]]}` as raw JSON: JSON.stringify itself cannot go this deep. */
function deepDocumentBody(fields: Record<string, unknown>, depth = 20_000): string {
  const document = `{"openapi":"3.1.0","info":{"title":"Deep","version":"1"},"paths":{},"x-deep":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  return JSON.stringify({ ...fields, openapi: null }).replace(/"openapi":null}$/, `"openapi":${document}}`);
}

describe("text PostgreSQL cannot store", () => {
  it("is refused in bodies with 422 and the field's path", async () => {
    for (const name of ["a\u0000b", "a\ud800b", "\udfffz"]) {
      const result = await call(teamsRoute.POST, "POST", "/api/v1/teams", { body: { name } });
      expect(result).toMatchObject({ status: 422, body: { code: "validation_failed", errors: { name: UNSTORABLE_TEXT_MESSAGE } } });
      expect(result.headers.get("content-type")).toBe("application/problem+json");
    }
    const { team } = await createTeamWithOwner();
    const key = await call(keysRoute.POST, "POST", `/api/v1/teams/${team.slug}/keys`, {
      params: { team: team.slug },
      body: { name: "k\u0000" },
    });
    expect(key).toMatchObject({ status: 422, body: { errors: { name: UNSTORABLE_TEXT_MESSAGE } } });
  });

  it("is refused in path segments and query strings (cursors included) with 400", async () => {
    expect(await call(teamRoute.GET, "GET", "/api/v1/teams/x", { params: { team: "a\u0000b" } })).toMatchObject({
      status: 400,
      body: { code: "bad_request", errors: { team: UNSTORABLE_TEXT_MESSAGE } },
    });
    expect(await call(apiRoute.GET, "GET", "/api/v1/apis/x", { params: { slug: "\u0000" } })).toMatchObject({
      status: 400,
      body: { errors: { slug: UNSTORABLE_TEXT_MESSAGE } },
    });
    expect(await call(teamsRoute.GET, "GET", "/api/v1/teams?cursor=a%00b")).toMatchObject({
      status: 400,
      body: { errors: { cursor: UNSTORABLE_TEXT_MESSAGE } },
    });
  });

  it("is refused inside an OpenAPI document, by JSON pointer", async () => {
    for (const title of ["x\u0000", "x\ud800"]) {
      const body = apiBody({ openapi: { openapi: "3.1.0", info: { title, version: "1" }, paths: {} } });
      const result = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
      expect(result).toMatchObject({ status: 422, body: { errors: { "openapi.info.title": UNSTORABLE_TEXT_MESSAGE } } });
    }
  });
});

describe("an OpenAPI document nested 20,000 deep", () => {
  it("is refused by POST and PATCH /api/v1/apis with 422 and a message that says why", async () => {
    const created = await call(apisRoute.POST, "POST", "/api/v1/apis", { rawBody: deepDocumentBody(apiBody()) });
    expect(created).toMatchObject({
      status: 422,
      body: { errors: { openapi: expect.stringContaining("nested more than 100 levels deep") } },
    });

    const api = await seedApi();
    const patched = await call(apiRoute.PATCH, "PATCH", `/api/v1/apis/${api.slug}`, {
      params: { slug: api.slug },
      rawBody: deepDocumentBody({}),
    });
    expect(patched).toMatchObject({
      status: 422,
      body: { errors: { openapi: expect.stringContaining("nested more than 100 levels deep") } },
    });
  });
});
