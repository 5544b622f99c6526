// /api/v1/ai/models: register models with prices per 1M tokens (decimal strings in and out, micro-
// units at rest), limits and capabilities, their deployments by provider id or slug, changes and
// deletions audited; refusals per field; models an API publishes and providers in use stay.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as modelsRoute from "@/app/api/v1/ai/models/route";
import * as modelRoute from "@/app/api/v1/ai/models/[model]/route";
import * as deploymentsRoute from "@/app/api/v1/ai/models/[model]/deployments/route";
import * as deploymentRoute from "@/app/api/v1/ai/models/[model]/deployments/[id]/route";
import * as providerRoute from "@/app/api/v1/ai/providers/[id]/route";
import * as providersRoute from "@/app/api/v1/ai/providers/route";
import * as apiRoute from "@/app/api/v1/apis/[slug]/route";
import { createTeamWithOwner } from "../factories";
import { call, createTeamKey, seedApi, uniqueSlug } from "../support/management-factories";

const create = (body: unknown, token?: string) => call(modelsRoute.POST, "POST", "/api/v1/ai/models", { body, token });
const get = (model: string) => call(modelRoute.GET, "GET", `/api/v1/ai/models/${encodeURIComponent(model)}`, { params: { model } });
const patch = (model: string, body: unknown) =>
  call(modelRoute.PATCH, "PATCH", `/api/v1/ai/models/${encodeURIComponent(model)}`, { params: { model }, body });
const remove = (model: string) =>
  call(modelRoute.DELETE, "DELETE", `/api/v1/ai/models/${encodeURIComponent(model)}`, { params: { model } });
const addDeployment = (model: string, body: unknown) =>
  call(deploymentsRoute.POST, "POST", `/api/v1/ai/models/${encodeURIComponent(model)}/deployments`, { params: { model }, body });
const removeDeployment = (model: string, id: string) =>
  call(deploymentRoute.DELETE, "DELETE", `/api/v1/ai/models/${encodeURIComponent(model)}/deployments/${id}`, { params: { model, id } });

async function provider(kind: "OPENAI" | "ANTHROPIC" = "OPENAI") {
  const created = await call(providersRoute.POST, "POST", "/api/v1/ai/providers", {
    body: { name: `Provider ${uniqueSlug()}`, kind, baseUrl: "https://models.example.test/v1", apiKey: "sk-model-tests" },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; slug: string };
}

const chatModel = (overrides: Record<string, unknown> = {}) => ({
  publicId: uniqueSlug("gpt"),
  displayName: "GPT test",
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
  supportsTools: true,
  inputPrice: "2.50",
  cachedInputPrice: "1.25",
  outputPrice: "10",
  ...overrides,
});

describe("POST /api/v1/ai/models", () => {
  it("registers a model with deployments; prices are decimal strings per 1M tokens on the wire and micro-units at rest", async () => {
    const [first, second] = [await provider(), await provider("ANTHROPIC")];
    const body = chatModel({
      deployments: [
        { provider: first.slug, providerModel: "gpt-4o-mini-2024-07-18" },
        { provider: second.id, providerModel: "claude-haiku", weight: 3, priority: 1 },
      ],
    });
    const created = await create(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      publicId: body.publicId,
      kind: "CHAT",
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      supportsTools: true,
      supportsVision: false,
      inputPrice: "2.500000",
      cachedInputPrice: "1.250000",
      outputPrice: "10.000000",
      apis: [],
    });
    expect(created.body.deployments).toEqual([
      expect.objectContaining({
        providerModel: "gpt-4o-mini-2024-07-18",
        weight: 1,
        priority: 0,
        provider: expect.objectContaining({ slug: first.slug }),
      }),
      expect.objectContaining({
        providerModel: "claude-haiku",
        weight: 3,
        priority: 1,
        provider: expect.objectContaining({ kind: "ANTHROPIC" }),
      }),
    ]);
    const row = await db.aiModel.findUniqueOrThrow({ where: { publicId: body.publicId } });
    expect([row.inputPrice, row.cachedInputPrice, row.outputPrice]).toEqual([2_500_000n, 1_250_000n, 10_000_000n]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: row.id } });
    expect(audit).toMatchObject({ action: "ai_model.created", actorType: "ADMIN_TOKEN" });
    expect(audit.metadata).toMatchObject({ inputPrice: "2.500000", deployments: [{ provider: first.slug }, { provider: second.slug }] });

    expect((await get(body.publicId)).body.publicId).toBe(body.publicId);
    const list = await call(modelsRoute.GET, "GET", "/api/v1/ai/models");
    expect(list.body.data.map((model: { publicId: string }) => model.publicId)).toContain(body.publicId);
    const used = await call(providerRoute.GET, "GET", `/api/v1/ai/providers/${first.id}`, { params: { id: first.id } });
    expect(used.body.models).toEqual([body.publicId]);
  });

  it("defaults the cached price to the input price; embeddings need no output price or answer cap; ids may hold / and :", async () => {
    const chat = await create(chatModel({ publicId: `acme/${uniqueSlug("m")}:latest`, cachedInputPrice: undefined }));
    expect(chat.status).toBe(201);
    expect(chat.body.cachedInputPrice).toBe("2.500000");
    expect((await get(chat.body.publicId)).status).toBe(200);
    const embed = await create({
      publicId: uniqueSlug("embed"),
      displayName: "Embed",
      kind: "EMBEDDINGS",
      contextWindow: 8_192,
      inputPrice: "0.02",
    });
    expect(embed.status).toBe(201);
    expect(embed.body).toMatchObject({ kind: "EMBEDDINGS", maxOutputTokens: 0, outputPrice: "0.000000", deployments: [] });
  });

  it("refuses bad input per field (422) and a taken id (409), writing nothing", async () => {
    const publicId = uniqueSlug("dup");
    const refused = await create({
      publicId: "GPT 4",
      displayName: "",
      kind: "IMAGES",
      contextWindow: 0,
      inputPrice: "-1",
      outputPrice: "20000",
      deployments: [{ provider: "", providerModel: "has space" }],
    });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors).sort()).toEqual(
      [
        "contextWindow",
        "deployments.0.provider",
        "deployments.0.providerModel",
        "displayName",
        "inputPrice",
        "kind",
        "outputPrice",
        "publicId",
      ].sort(),
    );
    const limits = await create(chatModel({ publicId, maxOutputTokens: 200_000, outputPrice: undefined }));
    expect(limits.status).toBe(422);
    expect(limits.body.errors).toEqual({
      maxOutputTokens: "The largest answer cannot exceed the context window.",
      outputPrice: "A chat model needs an output price (0 for free).",
    });
    const unknownProvider = await create(chatModel({ publicId, deployments: [{ provider: "no-such-provider", providerModel: "x" }] }));
    expect(unknownProvider.status).toBe(422);
    expect(unknownProvider.body.errors).toEqual({ "deployments.0.provider": 'There is no provider "no-such-provider".' });
    expect(await db.aiModel.findUnique({ where: { publicId } })).toBeNull();

    expect((await create(chatModel({ publicId }))).status).toBe(201);
    const again = await create(chatModel({ publicId }));
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual({ publicId: "This id is taken." });
  });

  it("is for the admin token only", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    expect((await create(chatModel(), key)).status).toBe(403);
    expect((await call(modelsRoute.GET, "GET", "/api/v1/ai/models", { token: key })).status).toBe(403);
  });
});

describe("PATCH, deployments and DELETE", () => {
  it("changes only what differs, checks limits against the stored values, and audits prices as decimal strings", async () => {
    const body = chatModel();
    const created = await create(body);
    const changed = await patch(body.publicId, { outputPrice: "12.5", supportsVision: true, displayName: "GPT test" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ outputPrice: "12.500000", supportsVision: true });
    expect((await patch(body.publicId, { maxOutputTokens: 200_000 })).body.errors).toEqual({
      maxOutputTokens: "The largest answer cannot exceed the context window.",
    });
    expect((await patch(body.publicId, { outputPrice: "12.500000" })).status).toBe(200); // the same price: no change
    const audits = await db.auditLog.findMany({
      where: { targetId: (await db.aiModel.findUniqueOrThrow({ where: { publicId: body.publicId } })).id },
      orderBy: { createdAt: "asc" }, // a table's scan order is not insertion order
    });
    expect(audits.map((row) => [row.action, row.metadata])).toEqual([
      ["ai_model.created", expect.anything()],
      [
        "ai_model.updated",
        {
          publicId: body.publicId,
          changed: { supportsVision: { from: false, to: true }, outputPrice: { from: "10.000000", to: "12.500000" } },
        },
      ],
    ]);
    expect(created.body.updatedAt).not.toBe(changed.body.updatedAt);
    expect((await patch("no-such-model", { displayName: "x" })).status).toBe(404);
  });

  it("adds and removes deployments, and keeps a provider in use from being deleted", async () => {
    const used = await provider();
    const body = chatModel();
    await create(body);
    const added = await addDeployment(body.publicId, { provider: used.slug, providerModel: "gpt-4o", priority: 2 });
    expect(added.status).toBe(201);
    expect(added.body.deployments).toEqual([expect.objectContaining({ providerModel: "gpt-4o", priority: 2, weight: 1 })]);
    expect((await addDeployment(body.publicId, { provider: "nope", providerModel: "x" })).body.errors).toEqual({
      provider: 'There is no provider "nope".',
    });
    expect((await addDeployment("no-such-model", { provider: used.slug, providerModel: "x" })).status).toBe(404);

    const refused = await call(providerRoute.DELETE, "DELETE", `/api/v1/ai/providers/${used.id}`, { params: { id: used.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`"${body.publicId}"`);

    const deploymentId = added.body.deployments[0].id;
    expect((await removeDeployment("no-such-model", deploymentId)).status).toBe(404);
    const removed = await removeDeployment(body.publicId, deploymentId);
    expect(removed.status).toBe(200);
    expect(removed.body.deployments).toEqual([]);
    expect((await removeDeployment(body.publicId, deploymentId)).status).toBe(404);
    const actions = await db.auditLog.findMany({
      where: { action: { startsWith: "ai_model.deployment" }, metadata: { path: ["publicId"], equals: body.publicId } },
    });
    expect(actions.map((row) => row.action).sort()).toEqual(["ai_model.deployment_added", "ai_model.deployment_removed"]);
    expect((await call(providerRoute.DELETE, "DELETE", `/api/v1/ai/providers/${used.id}`, { params: { id: used.id } })).status).toBe(200);
  });

  it("refuses to delete a model an API publishes (409), then deletes it with its deployments once it is unpublished", async () => {
    const used = await provider();
    const body = chatModel({ deployments: [{ provider: used.id, providerModel: "gpt-4o" }] });
    const created = await create(body);
    const api = await seedApi({ kind: "AI", upstreamBaseUrl: "" });
    await db.apiModel.create({
      data: { apiId: api.id, modelId: (await db.aiModel.findUniqueOrThrow({ where: { publicId: body.publicId } })).id },
    });
    expect((await get(body.publicId)).body.apis).toEqual([{ slug: api.slug, name: api.name, status: "PUBLISHED" }]);

    const refused = await remove(body.publicId);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`"${api.slug}"`);
    const unpublished = await call(apiRoute.PATCH, "PATCH", `/api/v1/apis/${api.slug}`, {
      params: { slug: api.slug },
      body: { models: [] },
    });
    expect(unpublished.status).toBe(200);
    const deleted = await remove(body.publicId);
    expect(deleted.status).toBe(200);
    expect(deleted.body.publicId).toBe(body.publicId);
    expect(await db.aiDeployment.count({ where: { id: created.body.deployments[0].id } })).toBe(0);
    expect((await remove(body.publicId)).status).toBe(404);
    expect(
      await db.auditLog.count({ where: { action: "ai_model.deleted", metadata: { path: ["publicId"], equals: body.publicId } } }),
    ).toBe(1);
  });
});
