// The OpenAPI document against the implementation: every route file and method is documented and
// nothing else is; the document has the OpenAPI 3.1 shape; and real responses of every operation,
// errors included, validate against the schemas the document gives for them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as apisRoute from "@/app/api/v1/apis/route";
import * as apiRoute from "@/app/api/v1/apis/[slug]/route";
import * as teamsRoute from "@/app/api/v1/teams/route";
import * as teamRoute from "@/app/api/v1/teams/[team]/route";
import * as balanceRoute from "@/app/api/v1/teams/[team]/balance/route";
import * as creditsRoute from "@/app/api/v1/teams/[team]/credits/route";
import * as subscriptionsRoute from "@/app/api/v1/teams/[team]/subscriptions/route";
import * as subscriptionRoute from "@/app/api/v1/teams/[team]/subscriptions/[api]/route";
import * as keysRoute from "@/app/api/v1/teams/[team]/keys/route";
import * as keyRoute from "@/app/api/v1/teams/[team]/keys/[id]/route";
import * as usageRoute from "@/app/api/v1/teams/[team]/usage/route";
import * as allSubscriptionsRoute from "@/app/api/v1/subscriptions/route";
import * as approveRoute from "@/app/api/v1/subscriptions/[id]/approve/route";
import * as rejectRoute from "@/app/api/v1/subscriptions/[id]/reject/route";
import * as aiProvidersRoute from "@/app/api/v1/ai/providers/route";
import * as aiProviderRoute from "@/app/api/v1/ai/providers/[id]/route";
import * as aiProviderTestRoute from "@/app/api/v1/ai/providers/[id]/test/route";
import * as aiModelsRoute from "@/app/api/v1/ai/models/route";
import * as aiModelRoute from "@/app/api/v1/ai/models/[model]/route";
import * as aiDeploymentsRoute from "@/app/api/v1/ai/models/[model]/deployments/route";
import * as aiDeploymentRoute from "@/app/api/v1/ai/models/[model]/deployments/[id]/route";
import { createTeamWithOwner } from "../factories";
import { apiBody, call, createTeamKey, uniqueSlug, type CallOptions, type CallResult } from "../support/management-factories";
import { checkJsonSchema } from "../support/json-schema-check";
import { createChatModel } from "../support/prompt-factories";
import * as promptVersionsRoute from "@/app/api/v1/apis/[slug]/versions/route";
import * as promptRollbackRoute from "@/app/api/v1/apis/[slug]/rollback/route";

const ROOT = path.resolve(__dirname, "../../app/api/v1");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

async function loadDocument() {
  const result = await call(openapiRoute.GET, "GET", "/api/v1/openapi.json", { token: null });
  expect(result.status).toBe(200);
  return result.body;
}

/** `app/api/v1/teams/[team]/route.ts` -> `/api/v1/teams/{team}` */
function routeFiles(): { file: string; path: string }[] {
  return (fs.readdirSync(ROOT, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => ({
      file: path.join(ROOT, file),
      path: `/api/v1/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}"),
    }));
}

describe("OpenAPI document", () => {
  it("documents exactly the route files and their methods", async () => {
    const document = await loadDocument();
    const implemented: string[] = [];
    for (const route of routeFiles()) {
      const module = await import(/* @vite-ignore */ route.file);
      for (const method of HTTP_METHODS) if (typeof module[method] === "function") implemented.push(`${method} ${route.path}`);
    }
    const documented = Object.entries(document.paths as Record<string, object>).flatMap(([route, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect(documented.sort()).toEqual(implemented.sort());
    expect(implemented.length).toBeGreaterThanOrEqual(17);
  });

  it("has the OpenAPI 3.1 shape: info, unique operation ids, declared path parameters, resolvable refs", async () => {
    const document = await loadDocument();
    expect(document).toMatchObject({
      openapi: "3.1.0",
      info: { title: expect.any(String), version: expect.any(String) },
      servers: [{ url: "http://localhost:3000" }],
    });
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["adminToken", "teamKey"]);
    const ids = new Set<string>();
    const json = JSON.stringify(document);
    for (const ref of json.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g))
      expect(document.components.schemas).toHaveProperty(ref[1]!);
    for (const [route, operations] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      expect(route).toMatch(/^\/api\/v1\//);
      const pathParams = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries(operations)) {
        expect(["get", "post", "patch", "delete", "put"]).toContain(method);
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(
          operation.parameters
            .filter((p: any) => p.in === "path")
            .map((p: any) => p.name)
            .sort(),
        ).toEqual(pathParams);
        expect(Object.keys(operation.responses).some((status) => status.startsWith("2"))).toBe(true);
        for (const security of operation.security)
          for (const scheme of Object.keys(security)) expect(document.components.securitySchemes).toHaveProperty(scheme);
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          if (Number(status) >= 400) expect(Object.keys(response.content)).toEqual(["application/problem+json"]);
        }
      }
    }
    // Wire formats only: no bigint or Date leaked into the schemas as something non-JSON.
    expect(json).not.toMatch(/"type":"(bigint|date)"/);
    expect(document.components.schemas.ApiKey.properties).not.toHaveProperty("hash");
    expect(document.components.schemas.Api.properties).not.toHaveProperty("upstreamCredential");
  });

  it("validates real responses of every operation, errors included, against the document", async () => {
    const document = await loadDocument();
    const samples: { route: string; method: string; result: CallResult }[] = [];
    const sample = async (handler: Parameters<typeof call>[0], method: string, route: string, options: CallOptions = {}) => {
      const result = await call(
        handler,
        method,
        route.replace(/\{(\w+)\}/g, (_, name) => options.params?.[name] ?? name),
        options,
      );
      samples.push({ route, method, result });
      return result;
    };

    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    const params = { team: team.slug };
    const body = apiBody({ status: "PUBLISHED", upstreamCredential: "secret" });
    await sample(apisRoute.POST, "POST", "/api/v1/apis", { body });
    await sample(apisRoute.POST, "POST", "/api/v1/apis", { body });
    await sample(apisRoute.POST, "POST", "/api/v1/apis", { body: { slug: 1 } });
    await sample(apisRoute.GET, "GET", "/api/v1/apis");
    await sample(apisRoute.GET, "GET", "/api/v1/apis", { token: key });
    await sample(apisRoute.GET, "GET", "/api/v1/apis", { token: "nope" });
    await sample(apiRoute.GET, "GET", "/api/v1/apis/{slug}", { params: { slug: body.slug } });
    await sample(apiRoute.PATCH, "PATCH", "/api/v1/apis/{slug}", { params: { slug: body.slug }, body: { summary: "Now documented" } });
    await sample(apiRoute.PATCH, "PATCH", "/api/v1/apis/{slug}", { params: { slug: body.slug }, token: key, body: {} });
    await sample(teamsRoute.POST, "POST", "/api/v1/teams", { body: { name: "Sample team" } });
    await sample(teamsRoute.GET, "GET", "/api/v1/teams", { token: key });
    await sample(teamsRoute.GET, "GET", "/api/v1/teams?limit=x");
    await sample(teamRoute.GET, "GET", "/api/v1/teams/{team}", { params });
    await sample(teamRoute.GET, "GET", "/api/v1/teams/{team}", { params: { team: "missing" }, token: key });
    await sample(creditsRoute.POST, "POST", "/api/v1/teams/{team}/credits", { params, body: { amount: "3.25", reason: "sample" } });
    await sample(balanceRoute.GET, "GET", "/api/v1/teams/{team}/balance", { params, token: key });
    await sample(subscriptionsRoute.POST, "POST", "/api/v1/teams/{team}/subscriptions", {
      params,
      token: key,
      body: { api: body.slug, plan: "basic" },
    });
    await sample(subscriptionsRoute.GET, "GET", "/api/v1/teams/{team}/subscriptions", { params, token: key });
    await sample(subscriptionRoute.DELETE, "DELETE", "/api/v1/teams/{team}/subscriptions/{api}", {
      params: { ...params, api: body.slug },
      token: key,
    });
    const gated = apiBody({ status: "PUBLISHED", plans: [{ ...apiBody().plans[0], requiresApproval: true }] });
    await sample(apisRoute.POST, "POST", "/api/v1/apis", { body: gated });
    const request = () =>
      sample(subscriptionsRoute.POST, "POST", "/api/v1/teams/{team}/subscriptions", {
        params,
        token: key,
        body: { api: gated.slug, plan: "basic" },
      });
    const { id } = (await request()).body;
    await sample(allSubscriptionsRoute.GET, "GET", "/api/v1/subscriptions?status=pending");
    await sample(rejectRoute.POST, "POST", "/api/v1/subscriptions/{id}/reject", { params: { id }, body: {} });
    await sample(rejectRoute.POST, "POST", "/api/v1/subscriptions/{id}/reject", { params: { id }, body: { reason: "Partners only" } });
    await request();
    await sample(approveRoute.POST, "POST", "/api/v1/subscriptions/{id}/approve", { params: { id } });
    await sample(approveRoute.POST, "POST", "/api/v1/subscriptions/{id}/approve", { params: { id } });
    const created = await sample(keysRoute.POST, "POST", "/api/v1/teams/{team}/keys", {
      params,
      body: { name: "sample", spendCap: "1.5", scopes: { apis: [body.slug] } },
    });
    await sample(keysRoute.GET, "GET", "/api/v1/teams/{team}/keys", { params });
    const keyParams = { ...params, id: created.body.id };
    await sample(keyRoute.PATCH, "PATCH", "/api/v1/teams/{team}/keys/{id}", {
      params: keyParams,
      body: { spendCap: "3", name: "renamed" },
    });
    await sample(keyRoute.PATCH, "PATCH", "/api/v1/teams/{team}/keys/{id}", { params: keyParams, body: { spendCap: "0" } });
    await sample(keyRoute.DELETE, "DELETE", "/api/v1/teams/{team}/keys/{id}", { params: { ...params, id: created.body.id } });
    await sample(usageRoute.GET, "GET", "/api/v1/teams/{team}/usage", { params });
    await sample(usageRoute.GET, "GET", "/api/v1/teams/{team}/usage?from=bad", { params });
    await sample(openapiRoute.GET, "GET", "/api/v1/openapi.json", { token: null });

    // A Prompt API on a model of its own: a changed prompt (version 2), its versions, a rollback and a refused one.
    const { model: promptModel } = await createChatModel("http://127.0.0.1:9/v1");
    const prompt = {
      model: promptModel.publicId,
      userTemplate: "Summarise {{text}}",
      variables: [{ name: "text", type: "string" }],
      maxOutputTokens: 50,
    };
    const promptApi = apiBody({ kind: "PROMPT", upstreamBaseUrl: undefined, prompt });
    await sample(apisRoute.POST, "POST", "/api/v1/apis", { body: promptApi });
    const promptParams = { slug: promptApi.slug };
    await sample(apiRoute.PATCH, "PATCH", "/api/v1/apis/{slug}", {
      params: promptParams,
      body: { prompt: { ...prompt, userTemplate: "Shorten {{text}}" } },
    });
    await sample(promptVersionsRoute.GET, "GET", "/api/v1/apis/{slug}/versions", { params: promptParams });
    await sample(promptRollbackRoute.POST, "POST", "/api/v1/apis/{slug}/rollback", { params: promptParams, body: { version: 1 } });
    await sample(promptRollbackRoute.POST, "POST", "/api/v1/apis/{slug}/rollback", { params: promptParams, body: { version: 1 } });

    // The AI registry: a provider (its test refused: nothing listens on port 9), a model with two
    // deployments, one removed, then both deleted; an AI API publishing a model.
    const provider = (
      await sample(aiProvidersRoute.POST, "POST", "/api/v1/ai/providers", {
        body: { name: `Sample ${uniqueSlug()}`, kind: "OPENAI", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-sample" },
      })
    ).body;
    const providerParams = { id: provider.id };
    await sample(aiProvidersRoute.GET, "GET", "/api/v1/ai/providers");
    await sample(aiProvidersRoute.POST, "POST", "/api/v1/ai/providers", { body: { name: "", kind: "x" } });
    await sample(aiProviderRoute.GET, "GET", "/api/v1/ai/providers/{id}", { params: providerParams });
    await sample(aiProviderRoute.PATCH, "PATCH", "/api/v1/ai/providers/{id}", { params: providerParams, body: { timeoutMs: 30_000 } });
    await sample(aiProviderTestRoute.POST, "POST", "/api/v1/ai/providers/{id}/test", { params: providerParams });
    const model = uniqueSlug("model");
    await sample(aiModelsRoute.POST, "POST", "/api/v1/ai/models", {
      body: {
        publicId: model,
        displayName: "Sample model",
        contextWindow: 8_000,
        maxOutputTokens: 1_000,
        inputPrice: "1",
        outputPrice: "2",
        deployments: [{ provider: provider.slug, providerModel: "sample-a" }],
      },
    });
    await sample(aiModelsRoute.GET, "GET", "/api/v1/ai/models");
    await sample(aiModelRoute.GET, "GET", "/api/v1/ai/models/{model}", { params: { model } });
    await sample(aiModelRoute.PATCH, "PATCH", "/api/v1/ai/models/{model}", { params: { model }, body: { inputPrice: "1.5" } });
    const aiApi = apiBody({
      kind: "AI",
      upstreamBaseUrl: undefined,
      models: [model],
      plans: [{ ...apiBody().plans[0], tokensPerMinute: 1_000, allowedModels: [model] }],
    });
    await sample(apisRoute.POST, "POST", "/api/v1/apis", { body: aiApi });
    await sample(apiRoute.GET, "GET", "/api/v1/apis/{slug}", { params: { slug: aiApi.slug }, token: key });
    await sample(aiModelRoute.DELETE, "DELETE", "/api/v1/ai/models/{model}", { params: { model } });
    await sample(apiRoute.PATCH, "PATCH", "/api/v1/apis/{slug}", {
      params: { slug: aiApi.slug },
      body: { models: [], plans: [{ slug: "basic", allowedModels: [] }] },
    });
    const added = await sample(aiDeploymentsRoute.POST, "POST", "/api/v1/ai/models/{model}/deployments", {
      params: { model },
      body: { provider: provider.id, providerModel: "sample-b", priority: 1 },
    });
    await sample(aiProviderRoute.DELETE, "DELETE", "/api/v1/ai/providers/{id}", { params: providerParams });
    await sample(aiDeploymentRoute.PATCH, "PATCH", "/api/v1/ai/models/{model}/deployments/{id}", {
      params: { model, id: added.body.deployments[1].id },
      body: { weight: 5, enabled: false },
    });
    await sample(aiDeploymentRoute.PATCH, "PATCH", "/api/v1/ai/models/{model}/deployments/{id}", {
      params: { model, id: added.body.deployments[1].id },
      body: { weight: 0 },
    });
    await sample(aiDeploymentRoute.DELETE, "DELETE", "/api/v1/ai/models/{model}/deployments/{id}", {
      params: { model, id: added.body.deployments[1].id },
    });
    await sample(aiModelRoute.DELETE, "DELETE", "/api/v1/ai/models/{model}", { params: { model } });
    await sample(aiProviderRoute.DELETE, "DELETE", "/api/v1/ai/providers/{id}", { params: providerParams });
    await sample(aiProviderRoute.GET, "GET", "/api/v1/ai/providers/{id}", { params: providerParams });

    for (const { route, method, result } of samples) {
      const operation = document.paths[route.split("?")[0]!][method.toLowerCase()];
      const response = operation.responses[String(result.status)];
      expect(response, `${method} ${route} answered ${result.status}, which is not documented`).toBeDefined();
      const contentType = result.headers.get("content-type")!.split(";")[0]!;
      expect(Object.keys(response.content)).toContain(contentType);
      const errors = checkJsonSchema(response.content[contentType].schema, result.body, document);
      expect(errors, `${method} ${route} ${result.status}`).toEqual([]);
    }
    const succeeded = new Set(samples.filter((s) => s.result.status < 300).map((s) => `${s.method} ${s.route.split("?")[0]}`));
    expect(succeeded.size).toBe(Object.values(document.paths).flatMap((operations) => Object.keys(operations as object)).length);
  });

  it("the schema check is not vacuous: an undocumented field or a number amount fails", async () => {
    const document = await loadDocument();
    const balance = { $ref: "#/components/schemas/Balance" };
    expect(checkJsonSchema(balance, { balance: "1.000000", currency: "USD" }, document)).toEqual([]);
    expect(checkJsonSchema(balance, { balance: 1, currency: "USD" }, document)).toEqual(["$.balance: expected string, got integer"]);
    expect(checkJsonSchema(balance, { balance: "1.00", currency: "USD" }, document)[0]).toContain("does not match");
    expect(checkJsonSchema(balance, { balance: "1.000000", currency: "USD", hash: "x" }, document)).toEqual([
      "$: unexpected property hash",
    ]);
  });
});
