// Prompt APIs through the management API (the admin token; a team key is refused): created with
// `kind: PROMPT`, refused at save time for placeholders that do not match, changed into new versions
// (an unchanged save adds none), listed, rolled back, with every call's usage event naming the
// version that served it and the audit log recording each step. The generated OpenAPI document
// passes the validator uploaded documents pass, and describes the answers the gateway gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { validateOpenApiObject } from "@/lib/catalog/openapi-document";
import { POST as createRoute } from "@/app/api/v1/apis/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/apis/[slug]/route";
import { GET as versionsRoute } from "@/app/api/v1/apis/[slug]/versions/route";
import { POST as rollbackRoute } from "@/app/api/v1/apis/[slug]/rollback/route";
import { GET as managementDocument } from "@/app/api/v1/openapi.json/route";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { call, createTeamKey, uniqueSlug } from "../support/management-factories";
import { checkJsonSchema } from "../support/json-schema-check";
import { callPrompt, createChatModel, SUMMARY_PROMPT } from "../support/prompt-factories";
import { createTeamWithOwner } from "../factories";
import { createRawKey, grant } from "../support/gateway-factories";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const plan = {
  slug: "standard",
  name: "Standard",
  price: "0.001",
  rateLimit: 100,
  rateLimitWindowSec: 60,
  maxRequestBytes: 65536,
  requiresApproval: false,
};

async function createThroughApi(overrides: Record<string, unknown> = {}) {
  const { model } = await createChatModel(fake.openAiBaseUrl);
  const slug = uniqueSlug("prompt");
  const created = await call(createRoute, "POST", "/api/v1/apis", {
    body: {
      slug,
      kind: "PROMPT",
      name: "Summarise",
      summary: "Summarises a text",
      status: "PUBLISHED",
      prompt: { ...SUMMARY_PROMPT, model: model.publicId },
      plans: [{ ...plan, promptPricing: "TOKENS" }],
      ...overrides,
    },
  });
  return { slug, model, created };
}

async function subscribedKey(apiId: string, planId: string) {
  const { team } = await createTeamWithOwner();
  await db.subscription.create({ data: { teamId: team.id, apiId, planId, status: "ACTIVE" } });
  await grant(team.id, 5_000_000n);
  return { team, key: (await createRawKey(team.id)).key };
}

describe("Prompt APIs in the management API", () => {
  it("creates a Prompt API at version 1 with a generated document that passes the OpenAPI validator", async () => {
    const { slug, model, created } = await createThroughApi();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug, kind: "PROMPT", promptVersion: 1, plans: [{ promptPricing: "TOKENS", price: "0.001000" }] });
    expect(created.body.upstreamBaseUrl).toBeUndefined();
    const document = created.body.openapi as Record<string, unknown>;
    const result = await validateOpenApiObject(document);
    expect(result.ok).toBe(true);
    expect(Object.keys(document.paths as object)).toEqual(["/"]);
    const fetched = await call(getRoute, "GET", `/api/v1/apis/${slug}`, { params: { slug } });
    expect(fetched.body.openapi).toEqual(document);
    expect(model.publicId).toBeTruthy();
  });

  it("refuses at save time, by field, placeholders without variables and variables without placeholders", async () => {
    const { model } = await createChatModel(fake.openAiBaseUrl);
    const refused = await call(createRoute, "POST", "/api/v1/apis", {
      body: {
        slug: uniqueSlug("prompt"),
        kind: "PROMPT",
        name: "Broken",
        prompt: { ...SUMMARY_PROMPT, model: model.publicId, userTemplate: "Summarise {{txt}} in {{words}} words" },
        plans: [plan],
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toMatchObject({
      "prompt.userTemplate": expect.stringContaining("{{txt}}"),
      "prompt.variables.0.name": expect.stringContaining("“text” is not used"),
    });
    const noPrompt = await call(createRoute, "POST", "/api/v1/apis", {
      body: { slug: uniqueSlug("prompt"), kind: "PROMPT", name: "No prompt", upstreamBaseUrl: "https://example.com", plans: [plan] },
    });
    expect(noPrompt.status).toBe(422);
    expect(noPrompt.body.errors).toMatchObject({ prompt: expect.any(String), upstreamBaseUrl: expect.stringContaining("no upstream") });
    const unknownModel = await call(createRoute, "POST", "/api/v1/apis", {
      body: { slug: uniqueSlug("prompt"), kind: "PROMPT", name: "x", prompt: { ...SUMMARY_PROMPT, model: "no-such-model" }, plans: [plan] },
    });
    expect(unknownModel.body.errors).toMatchObject({ "prompt.model": "There is no model “no-such-model” in the registry." });
  });

  it("saves a changed prompt as a new version, lists versions, rolls back, and records the version of every call", async () => {
    const { slug, model, created } = await createThroughApi();
    const apiId = created.body.id as string;
    const { team, key } = await subscribedKey(apiId, created.body.plans[0].id);
    const variables = { text: "Prepaid credit is debited per call", words: 5 };

    expect((await callPrompt(slug, key, variables)).status).toBe(200);
    const changed = { ...SUMMARY_PROMPT, model: model.publicId, userTemplate: "Shorten to {{words}} words: {{text}}" };
    const patched = await call(patchRoute, "PATCH", `/api/v1/apis/${slug}`, { params: { slug }, body: { prompt: changed } });
    expect(patched.status).toBe(200);
    expect(patched.body.promptVersion).toBe(2);
    const same = await call(patchRoute, "PATCH", `/api/v1/apis/${slug}`, { params: { slug }, body: { prompt: changed } });
    expect(same.body.promptVersion).toBe(2); // unchanged: no new version
    const before = fake.requests.length;
    expect((await callPrompt(slug, key, variables)).headers.get("x-prompt-version")).toBe("2");
    expect((fake.requests[before]!.json as { messages: { content: string }[] }).messages[1]!.content).toBe(
      "Shorten to 5 words: Prepaid credit is debited per call",
    );

    const rolledBack = await call(rollbackRoute, "POST", `/api/v1/apis/${slug}/rollback`, { params: { slug }, body: { version: 1 } });
    expect(rolledBack).toMatchObject({ status: 200, body: { from: 2, to: 1 } });
    const again = await call(rollbackRoute, "POST", `/api/v1/apis/${slug}/rollback`, { params: { slug }, body: { version: 1 } });
    expect(again.status).toBe(409);
    expect((await call(rollbackRoute, "POST", `/api/v1/apis/${slug}/rollback`, { params: { slug }, body: { version: 7 } })).status).toBe(
      422,
    );
    expect((await callPrompt(slug, key, variables)).headers.get("x-prompt-version")).toBe("1");

    await flushUsage();
    const events = await db.usageEvent.findMany({ where: { teamId: team.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.promptVersion)).toEqual([1, 2, 1]);
    const versions = await call(versionsRoute, "GET", `/api/v1/apis/${slug}/versions`, { params: { slug } });
    expect(versions.status).toBe(200);
    expect(versions.body.live).toBe(1);
    expect(
      versions.body.data.map((version: { version: number; live: boolean; calls: number }) => [
        version.version,
        version.live,
        version.calls,
      ]),
    ).toEqual([
      [2, false, 1],
      [1, true, 2],
    ]);
    expect(versions.body.data[0].prompt.userTemplate).toBe("Shorten to {{words}} words: {{text}}");

    const audit = await db.auditLog.findMany({ where: { targetId: apiId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["api.created", "api.updated", "api.prompt_rolled_back"]);
    expect(audit[1]!.metadata).toMatchObject({ changed: { promptVersion: { from: 1, to: 2 } } });
    expect(audit[2]!.metadata).toMatchObject({ from: 2, to: 1 });
  });

  it("keeps the versions and the rollback to the admin", async () => {
    const { slug } = await createThroughApi();
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const refused = await call(versionsRoute, "GET", `/api/v1/apis/${slug}/versions`, { params: { slug }, token: key });
    expect(refused.status).toBe(403);
    const rollback = await call(rollbackRoute, "POST", `/api/v1/apis/${slug}/rollback`, {
      params: { slug },
      token: key,
      body: { version: 1 },
    });
    expect(rollback.status).toBe(403);
  });

  it("lists the operations in the management API's OpenAPI document", async () => {
    const document = (await call(managementDocument, "GET", "/api/v1/openapi.json", { token: null })).body;
    expect(document.paths["/api/v1/apis/{slug}/versions"].get.operationId).toBe("listPromptApiVersions");
    expect(document.paths["/api/v1/apis/{slug}/rollback"].post.operationId).toBe("rollbackPromptApi");
  });

  it("describes in its generated document the answers and problems the gateway gives", async () => {
    const outputSchema = { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] };
    const { slug, created } = await createThroughApi({
      prompt: { ...SUMMARY_PROMPT, model: (await createChatModel(fake.openAiBaseUrl)).model.publicId, outputSchema },
    });
    const document = created.body.openapi as { components: { schemas: Record<string, unknown> } };
    const { key } = await subscribedKey(created.body.id, created.body.plans[0].id);
    const answer = await (await callPrompt(slug, key, { text: "Short text", words: 3 })).json();
    expect(checkJsonSchema({ $ref: "#/components/schemas/Answer" }, answer, document)).toEqual([]);
    const refused = await (await callPrompt(slug, key, { words: "three" })).json();
    expect(checkJsonSchema({ $ref: "#/components/schemas/ValidationProblem" }, refused, document)).toEqual([]);
    expect(checkJsonSchema({ $ref: "#/components/schemas/Variables" }, { text: "Short text", words: 3 }, document)).toEqual([]);
    expect(checkJsonSchema({ $ref: "#/components/schemas/Variables" }, { words: "three" }, document)).not.toEqual([]);
  });
});
