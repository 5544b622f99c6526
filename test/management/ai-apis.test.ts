// AI APIs through /api/v1/apis: created with `kind: "AI"`, the models they publish and AI plan
// fields (allowed models, tokens per minute, output cap), without an upstream or an OpenAPI
// document; fields of the other kind refused per field; a plan's models stay within the API's.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as apisRoute from "@/app/api/v1/apis/route";
import * as apiRoute from "@/app/api/v1/apis/[slug]/route";
import * as modelsRoute from "@/app/api/v1/ai/models/route";
import * as providersRoute from "@/app/api/v1/ai/providers/route";
import { createTeamWithOwner } from "../factories";
import { apiBody, call, createTeamKey, uniqueSlug } from "../support/management-factories";

const post = (body: unknown) => call(apisRoute.POST, "POST", "/api/v1/apis", { body });
const patch = (slug: string, body: unknown) => call(apiRoute.PATCH, "PATCH", `/api/v1/apis/${slug}`, { params: { slug }, body });

let providerSlug: string | undefined;

/** A model with a deployment (an AI API is published only with something to call). */
async function model(kind: "CHAT" | "EMBEDDINGS" = "CHAT"): Promise<string> {
  providerSlug ??= (
    await call(providersRoute.POST, "POST", "/api/v1/ai/providers", {
      body: {
        name: "AI API tests",
        slug: uniqueSlug("prov"),
        kind: "OPENAI",
        baseUrl: "https://models.example.test/v1",
        apiKey: "sk-test",
      },
    })
  ).body.slug as string;
  const publicId = uniqueSlug(kind === "CHAT" ? "chat" : "embed");
  const created = await call(modelsRoute.POST, "POST", "/api/v1/ai/models", {
    body: {
      publicId,
      displayName: publicId,
      kind,
      contextWindow: 32_000,
      maxOutputTokens: kind === "CHAT" ? 4_000 : 0,
      inputPrice: "1",
      outputPrice: "2",
      deployments: [{ provider: providerSlug, providerModel: publicId }],
    },
  });
  expect(created.status).toBe(201);
  return publicId;
}

const aiPlan = (overrides: Record<string, unknown> = {}) => ({
  slug: "free",
  name: "Free",
  price: "0",
  rateLimit: 10,
  rateLimitWindowSec: 60,
  maxRequestBytes: 262_144,
  requiresApproval: false,
  ...overrides,
});

function aiApiBody(models: string[], overrides: Record<string, unknown> = {}) {
  return { slug: uniqueSlug("ai"), kind: "AI", name: "Chat models", models, plans: [aiPlan()], ...overrides };
}

describe("AI APIs in /api/v1/apis", () => {
  it("creates an AI API with its models and AI plans, no upstream, and reads them back as public ids", async () => {
    const [chat, embed] = [await model(), await model("EMBEDDINGS")];
    const body = aiApiBody([chat, embed], {
      status: "PUBLISHED",
      plans: [
        aiPlan({ tokensPerMinute: 20_000, maxOutputTokens: 256 }),
        aiPlan({ slug: "pro", name: "Pro", price: "0.0001", allowedModels: [chat], tokensPerMinute: null }),
      ],
    });
    const created = await post(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: "AI", models: [chat, embed].sort(), status: "PUBLISHED" });
    expect(created.body).not.toHaveProperty("upstreamBaseUrl");
    expect(created.body).not.toHaveProperty("openapi");
    expect(created.body.plans).toEqual([
      expect.objectContaining({ slug: "free", allowedModels: [], tokensPerMinute: 20_000, maxOutputTokens: 256 }),
      expect.objectContaining({ slug: "pro", price: "0.000100", allowedModels: [chat], tokensPerMinute: null, maxOutputTokens: null }),
    ]);
    const row = await db.api.findUniqueOrThrow({
      where: { slug: body.slug },
      include: { plans: true, models: { include: { model: true } } },
    });
    expect(row).toMatchObject({ kind: "AI", upstreamBaseUrl: "", openapi: null });
    expect(row.models.map(({ model }) => model.publicId).sort()).toEqual([chat, embed].sort());
    const chatRow = row.models.find(({ model }) => model.publicId === chat)!.model;
    expect(row.plans.find((plan) => plan.slug === "pro")!.allowedModelIds).toEqual([chatRow.id]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: row.id, action: "api.created" } });
    expect(audit.metadata).toMatchObject({ kind: "AI", models: [chat, embed] });

    // A subscribed team's key sees the kind and the models, not the upstream settings.
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const seen = await call(apiRoute.GET, "GET", `/api/v1/apis/${body.slug}`, { params: { slug: body.slug }, token: key });
    expect(seen.body).toMatchObject({ kind: "AI", models: [chat, embed].sort() });
  });

  it("refuses the fields of the other kind, unknown models, and plan models the API does not publish (422, nothing written)", async () => {
    const chat = await model();
    const other = await model();
    const upstream = await post(
      aiApiBody([chat], { upstreamBaseUrl: "https://x.test", openapi: { openapi: "3.1.0" }, relayCookies: true }),
    );
    expect(upstream.status).toBe(422);
    expect(Object.keys(upstream.body.errors).sort()).toEqual(["openapi", "relayCookies", "upstreamBaseUrl"]);

    const rest = await post(apiBody({ models: [chat], plans: [{ ...apiBody().plans[0], tokensPerMinute: 10, allowedModels: [chat] }] }));
    expect(rest.status).toBe(422);
    expect(rest.body.errors).toMatchObject({
      models: "Only an AI API publishes models.",
      "plans.0.tokensPerMinute": "Only plans of an AI API have this.",
      "plans.0.allowedModels": "Only plans of an AI API have this.",
    });
    const noUpstream = await post({ ...apiBody(), upstreamBaseUrl: undefined });
    expect(noUpstream.status).toBe(422);
    expect(noUpstream.body.errors).toEqual({ upstreamBaseUrl: "Give the upstream base URL, e.g. https://api.example.com/v1." });

    const unknown = await post(aiApiBody([chat, "no-such-model"], { plans: [aiPlan({ allowedModels: ["also-missing"] })] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual({
      "models.1": 'There is no model "no-such-model". Register it under AI models first.',
      "plans.0.allowedModels.0": 'There is no model "also-missing". Register it under AI models first.',
    });
    const outside = aiApiBody([chat], { plans: [aiPlan({ allowedModels: [other] })] });
    const refused = await post(outside);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.models).toMatch(`The plan "free" allows "${other}", which this API does not publish`);
    expect(await db.api.findUnique({ where: { slug: outside.slug } })).toBeNull();
  });

  it("replaces the models and plan limits on PATCH, audited, and keeps plans within the API's models", async () => {
    const [a, b, c] = [await model(), await model(), await model()];
    const body = aiApiBody([a, b], { plans: [aiPlan({ allowedModels: [b], tokensPerMinute: 1_000 })] });
    expect((await post(body)).status).toBe(201);

    const changed = await patch(body.slug, { models: [b, c], plans: [{ slug: "free", tokensPerMinute: null, maxOutputTokens: 512 }] });
    expect(changed.status).toBe(200);
    expect(changed.body.models).toEqual([b, c].sort());
    expect(changed.body.plans[0]).toMatchObject({ allowedModels: [b], tokensPerMinute: null, maxOutputTokens: 512 });
    const api = await db.api.findUniqueOrThrow({ where: { slug: body.slug } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: api.id, action: "api.updated" } });
    expect(audit.metadata).toMatchObject({
      changed: { models: { added: [c], removed: [a] } },
      plans: [{ slug: "free", changed: { tokensPerMinute: { from: 1_000, to: null }, maxOutputTokens: { from: null, to: 512 } } }],
    });

    // Dropping b, which the plan allows, is refused and changes nothing; so is allowing a model the API lacks.
    const dropped = await patch(body.slug, { models: [c] });
    expect(dropped.status).toBe(422);
    expect(dropped.body.errors.models).toContain(`allows "${b}"`);
    expect((await patch(body.slug, { plans: [{ slug: "free", allowedModels: [a] }] })).status).toBe(422);
    expect(await db.apiModel.count({ where: { apiId: api.id } })).toBe(2);
    // Widening the plan to every model, then dropping b, works.
    expect((await patch(body.slug, { plans: [{ slug: "free", allowedModels: [] }], models: [c] })).body).toMatchObject({ models: [c] });

    expect((await patch(body.slug, { upstreamBaseUrl: "https://x.test" })).body.errors).toMatchObject({
      upstreamBaseUrl: expect.any(String),
    });
    const rest = apiBody();
    expect((await post(rest)).status).toBe(201);
    expect((await patch(rest.slug, { models: [a] })).body.errors).toEqual({ models: "Only an AI API publishes models." });
    expect((await patch(rest.slug, { plans: [{ slug: "basic", maxOutputTokens: 5 }] })).status).toBe(422);
  });
});
