// A deployment's weight, priority and on/off switch through the management API (admin only, in the
// OpenAPI document, audited from -> to), what routing makes of them on the next call, and the rule
// that an AI API is published only with a model that has an enabled deployment able to serve it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as deploymentRoute from "@/app/api/v1/ai/models/[model]/deployments/[id]/route";
import * as apisRoute from "@/app/api/v1/apis/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { changeApiStatus } from "@/lib/catalog/change-api-status";
import { NOTHING_TO_CALL } from "@/lib/catalog/ai-fields";
import { flushUsage } from "@/lib/gateway/usage-recorder";
import { deploymentUpdateFormSchema } from "@/lib/ai/registry/read-model-form";
import { startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";
import { createAiFixture, openAiClient } from "../support/ai-factories";
import { apiBody, call, createTeamKey, uniqueSlug } from "../support/management-factories";
import { expectLedgerInvariant } from "../support/ledger";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());

const ADMIN = { type: "SYSTEM" } as const;

const patchDeployment = (model: string, id: string, body: unknown, token?: string) =>
  call(deploymentRoute.PATCH, "PATCH", `/api/v1/ai/models/${encodeURIComponent(model)}/deployments/${id}`, {
    params: { model, id },
    body,
    token,
  });

/** The fixture's model with a second deployment on the same fake, told apart by its provider model name. */
async function twoDeployments() {
  const fixture = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
  const [first] = await db.aiDeployment.findMany({ where: { modelId: fixture.model.id } });
  const second = await db.aiDeployment.create({
    data: { modelId: fixture.model.id, providerId: fixture.provider.id, providerModel: "fake-chat+chunk-size:2", priority: 1 },
  });
  return { fixture, first: first!, second };
}

describe("PATCH /api/v1/ai/models/{model}/deployments/{id}", () => {
  it("changes weight, priority and enabled, audits each change from -> to, and writes nothing for a no-op", async () => {
    const { fixture, second } = await twoDeployments();
    const model = fixture.model.publicId;
    const changed = await patchDeployment(model, second.id, { weight: 7, priority: 3, enabled: false });
    expect(changed.status).toBe(200);
    expect(changed.body.deployments).toEqual([
      expect.objectContaining({ providerModel: "fake-chat", weight: 1, priority: 0, enabled: true }),
      expect.objectContaining({ id: second.id, providerModel: "fake-chat+chunk-size:2", weight: 7, priority: 3, enabled: false }),
    ]);
    expect(await db.aiDeployment.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ weight: 7, priority: 3, enabled: false });

    const audits = () => db.auditLog.findMany({ where: { targetId: fixture.model.id, action: "ai_model.deployment_updated" } });
    const [entry] = await audits();
    expect(entry!.metadata).toEqual({
      publicId: model,
      deploymentId: second.id,
      provider: fixture.provider.slug,
      providerModel: "fake-chat+chunk-size:2",
      changed: { weight: { from: 1, to: 7 }, priority: { from: 1, to: 3 }, enabled: { from: true, to: false } },
    });
    expect(entry!.requestId).toBeTruthy();

    expect((await patchDeployment(model, second.id, { weight: 7, enabled: false })).status).toBe(200);
    expect(await audits()).toHaveLength(1);
  });

  it("refuses bad values per field, an empty change, other models' deployments and team keys", async () => {
    const { fixture, second } = await twoDeployments();
    const model = fixture.model.publicId;
    const bad = await patchDeployment(model, second.id, { weight: 0, priority: 101, enabled: "yes" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual({
      weight: "Use at least 1.",
      priority: "Use at most 100.",
      enabled: "Send true or false.",
    });
    const empty = await patchDeployment(model, second.id, {});
    expect(empty.status).toBe(422);
    expect(empty.body.detail).toContain("Send weight, priority or enabled.");

    const other = await createAiFixture({ providerUrl: fake.openAiBaseUrl });
    expect((await patchDeployment(other.model.publicId, second.id, { weight: 2 })).status).toBe(404);
    expect((await patchDeployment(model, "no-such-deployment", { weight: 2 })).status).toBe(404);

    const { key } = await createTeamKey(fixture.team.id, { scopeManage: true });
    expect((await patchDeployment(model, second.id, { weight: 2 }, key)).status).toBe(403);
    expect(await db.aiDeployment.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ weight: 1, priority: 1, enabled: true });
  });

  it("is in the OpenAPI document, admin only", async () => {
    const document = (await call(openapiRoute.GET, "GET", "/api/v1/openapi.json", { token: null })).body;
    const operation = document.paths["/api/v1/ai/models/{model}/deployments/{id}"].patch;
    expect(operation.operationId).toBe("updateAiDeployment");
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "422"]));
    const body = operation.requestBody.content["application/json"].schema;
    const resolved = body.$ref ? document.components.schemas[body.$ref.split("/").at(-1)] : body;
    expect(Object.keys(resolved.properties).sort()).toEqual(["enabled", "priority", "weight"]);
  });
});

describe("routing follows the deployment settings on the next call", () => {
  it("skips a disabled deployment, fails uncharged when none is enabled, and comes back when re-enabled", async () => {
    const { fixture, first, second } = await twoDeployments();
    const model = fixture.model.publicId;
    const { client } = openAiClient(fixture.key);
    const ask = () => client.chat.completions.create({ model, messages: [{ role: "user", content: "which one?" }] }, { maxRetries: 0 });
    const lastProviderModel = () => (fake.requests.at(-1)!.json as { model: string }).model;

    await ask();
    expect(lastProviderModel()).toBe("fake-chat"); // priority 0 first

    expect((await patchDeployment(model, first.id, { enabled: false })).status).toBe(200);
    await ask();
    expect(lastProviderModel()).toBe("fake-chat+chunk-size:2");

    expect((await patchDeployment(model, second.id, { enabled: false })).status).toBe(200);
    const before = fake.requests.length;
    const balance = await expectLedgerInvariant(fixture.team.id);
    const refused = await ask().catch((error: { status?: number }) => error);
    expect(refused).toMatchObject({ status: 502 });
    expect(fake.requests.length).toBe(before);
    expect(await expectLedgerInvariant(fixture.team.id)).toBe(balance);

    // New priorities: the second deployment now comes first.
    expect((await patchDeployment(model, second.id, { enabled: true, priority: 0, weight: 1000 })).status).toBe(200);
    expect((await patchDeployment(model, first.id, { enabled: true, priority: 5 })).status).toBe(200);
    await ask();
    expect(lastProviderModel()).toBe("fake-chat+chunk-size:2");
    await flushUsage();
    await expectLedgerInvariant(fixture.team.id);
  });

  it("reads the admin console's edit form: an unticked Enabled box means disabled", () => {
    const form = (fields: Record<string, string>) => Object.fromEntries(Object.entries({ model: "m", deploymentId: "d", ...fields }));
    expect(deploymentUpdateFormSchema.parse(form({ weight: "3", priority: "0", enabled: "on" }))).toMatchObject({
      weight: 3,
      priority: 0,
      enabled: true,
    });
    expect(deploymentUpdateFormSchema.parse(form({ weight: "3", priority: "2" }))).toMatchObject({ enabled: false });
    const refused = deploymentUpdateFormSchema.safeParse(form({ weight: "", priority: "x" }));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((issue) => issue.path[0]).sort()).toEqual(["priority", "weight"]);
  });
});

describe("publishing an AI API needs something to call", () => {
  async function provider(kind: "OPENAI" | "ANTHROPIC") {
    return db.aiProvider.create({ data: { slug: uniqueSlug("prov"), name: "Publish test", kind, baseUrl: fake.openAiBaseUrl } });
  }
  async function model(kind: "CHAT" | "EMBEDDINGS", deployment?: { providerId: string; enabled: boolean }) {
    return db.aiModel.create({
      data: {
        publicId: uniqueSlug(kind === "CHAT" ? "chat" : "embed"),
        displayName: "Publish test",
        kind,
        contextWindow: 8_000,
        maxOutputTokens: kind === "CHAT" ? 1_000 : 0,
        inputPrice: 1n,
        cachedInputPrice: 1n,
        outputPrice: 1n,
        ...(deployment ? { deployments: { create: { providerModel: "fake-chat", ...deployment } } } : {}),
      },
    });
  }
  const aiApi = (models: string[], status: "DRAFT" | "PUBLISHED") =>
    apiBody({ kind: "AI", upstreamBaseUrl: undefined, models, status, plans: [apiBody().plans[0]] });

  it("refuses to create it published without a model with an enabled deployment (422 on models), and accepts it with one", async () => {
    const openai = await provider("OPENAI");
    const anthropic = await provider("ANTHROPIC");
    const bare = await model("CHAT");
    const off = await model("CHAT", { providerId: openai.id, enabled: false });
    const embedOnAnthropic = await model("EMBEDDINGS", { providerId: anthropic.id, enabled: true });
    for (const models of [[], [bare.publicId], [off.publicId, embedOnAnthropic.publicId]]) {
      const body = aiApi(models, "PUBLISHED");
      const refused = await call(apisRoute.POST, "POST", "/api/v1/apis", { body });
      expect(refused.status, models.join()).toBe(422);
      expect(refused.body.errors).toEqual({ models: NOTHING_TO_CALL });
      expect(await db.api.count({ where: { slug: body.slug } })).toBe(0);
    }
    const on = await model("CHAT", { providerId: anthropic.id, enabled: true });
    const accepted = await call(apisRoute.POST, "POST", "/api/v1/apis", { body: aiApi([bare.publicId, on.publicId], "PUBLISHED") });
    expect(accepted.status).toBe(201);
  });

  it("refuses the move from draft to published until a deployment is enabled (the admin console's lifecycle message)", async () => {
    const openai = await provider("OPENAI");
    const chat = await model("CHAT", { providerId: openai.id, enabled: false });
    const body = aiApi([chat.publicId], "DRAFT");
    expect((await call(apisRoute.POST, "POST", "/api/v1/apis", { body })).status).toBe(201);
    await expect(changeApiStatus(body.slug, { status: "PUBLISHED" }, ADMIN)).rejects.toMatchObject({
      code: "validation_failed",
      message: NOTHING_TO_CALL,
      fieldErrors: { models: NOTHING_TO_CALL },
    });
    expect(await db.api.findUniqueOrThrow({ where: { slug: body.slug } })).toMatchObject({ status: "DRAFT", publishedAt: null });
    await db.aiDeployment.updateMany({ where: { modelId: chat.id }, data: { enabled: true } });
    expect((await changeApiStatus(body.slug, { status: "PUBLISHED" }, ADMIN)).status).toBe("PUBLISHED");
  });
});
