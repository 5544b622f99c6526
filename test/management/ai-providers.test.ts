// /api/v1/ai/providers: register, read, change and delete AI providers as the admin; the key and
// extra headers are write-only (encrypted at rest, never in a response or an audit row, only
// "set"/"replaced"/"cleared"); base URLs follow the outbound address policy; team keys are refused;
// the connection test answers the provider's models or what failed, without the key.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import * as providersRoute from "@/app/api/v1/ai/providers/route";
import * as providerRoute from "@/app/api/v1/ai/providers/[id]/route";
import * as testRoute from "@/app/api/v1/ai/providers/[id]/test/route";
import { createTeamWithOwner } from "../factories";
import { call, createTeamKey, uniqueSlug } from "../support/management-factories";
import { FAKE_API_KEY, startFakeAiProvider, type FakeAiProvider } from "../support/fake-ai-provider";

let fake: FakeAiProvider;
beforeAll(async () => void (fake = await startFakeAiProvider()));
afterAll(() => fake.close());
afterEach(() => {
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
});

const SECRET_KEY = "sk-live-registry-secret-0123456789";
const HEADER_SECRET = "org-secret-header-value-42";

const create = (body: unknown, token?: string) => call(providersRoute.POST, "POST", "/api/v1/ai/providers", { body, token });
const get = (id: string) => call(providerRoute.GET, "GET", `/api/v1/ai/providers/${id}`, { params: { id } });
const patch = (id: string, body: unknown) => call(providerRoute.PATCH, "PATCH", `/api/v1/ai/providers/${id}`, { params: { id }, body });
const remove = (id: string) => call(providerRoute.DELETE, "DELETE", `/api/v1/ai/providers/${id}`, { params: { id } });
const test = (id: string) => call(testRoute.POST, "POST", `/api/v1/ai/providers/${id}/test`, { params: { id } });

async function auditRows(targetId: string) {
  return db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });
}

describe("POST /api/v1/ai/providers", () => {
  it("stores the key and extra headers encrypted, answers only whether they are set, and audits them as set", async () => {
    const slug = uniqueSlug("prov");
    const created = await create({
      slug,
      name: "Primary OpenAI",
      kind: "OPENAI",
      baseUrl: fake.openAiBaseUrl,
      apiKey: SECRET_KEY,
      extraHeaders: { "OpenAI-Organization": HEADER_SECRET },
      timeoutMs: 60_000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug,
      kind: "OPENAI",
      baseUrl: fake.openAiBaseUrl,
      hasApiKey: true,
      hasExtraHeaders: true,
      connectTimeoutMs: 5_000,
      timeoutMs: 60_000,
      models: [],
    });
    const row = await db.aiProvider.findUniqueOrThrow({ where: { slug } });
    expect(row.apiKeyEncrypted).not.toContain(SECRET_KEY);
    expect(decryptSecret(row.apiKeyEncrypted!)).toBe(SECRET_KEY);
    expect(JSON.parse(decryptSecret(row.extraHeadersEncrypted!))).toEqual({ "OpenAI-Organization": HEADER_SECRET });

    const read = await get(row.id);
    const bySlug = await get(slug);
    const list = await call(providersRoute.GET, "GET", "/api/v1/ai/providers");
    expect([read.status, bySlug.status, list.status]).toEqual([200, 200, 200]);
    for (const answer of [created, read, bySlug, list]) {
      expect(JSON.stringify(answer.body)).not.toContain(SECRET_KEY);
      expect(JSON.stringify(answer.body)).not.toContain(HEADER_SECRET);
      expect(JSON.stringify(answer.body)).not.toContain("Encrypted");
    }
    expect(list.body.data.map((provider: { slug: string }) => provider.slug)).toContain(slug);
    const [audit] = await auditRows(row.id);
    expect(audit).toMatchObject({ action: "ai_provider.created", actorType: "ADMIN_TOKEN" });
    expect(audit!.metadata).toMatchObject({ slug, apiKey: "set", extraHeaders: "set" });
    expect(JSON.stringify(audit!.metadata)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(audit!.metadata)).not.toContain(HEADER_SECRET);
  });

  it("derives the slug from the name, and answers 409 for a slug that is taken", async () => {
    const name = `Groq ${uniqueSlug("x")}`;
    const first = await create({ name, kind: "OPENAI", baseUrl: "https://api.groq.test/openai/v1" });
    expect(first.status).toBe(201);
    expect(first.body.slug).toBe(name.toLowerCase().replace(/ /g, "-"));
    expect(first.body).toMatchObject({ hasApiKey: false, hasExtraHeaders: false });
    const again = await create({ name, kind: "ANTHROPIC", baseUrl: "https://api.anthropic.test" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict", errors: { slug: expect.any(String) } });
  });

  it("refuses bad input per field (422): kind, URL, reserved or malformed headers, timeouts", async () => {
    const refused = await create({
      name: "",
      kind: "GEMINI",
      baseUrl: "ftp://models.example.test",
      apiKey: "has spaces in it",
      extraHeaders: { Authorization: "Bearer x", "X-Ok": "line\r\nbreak", "Bad Name": "v" },
      connectTimeoutMs: 10,
      timeoutMs: 10_000_000,
    });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors).sort()).toEqual(
      [
        "apiKey",
        "baseUrl",
        "connectTimeoutMs",
        "extraHeaders.Authorization",
        "extraHeaders.Bad Name",
        "extraHeaders.X-Ok",
        "kind",
        "name",
        "timeoutMs",
      ].sort(),
    );
    expect(JSON.stringify(refused.body)).not.toContain("Bearer x");
    expect(refused.body.errors["extraHeaders.Authorization"]).toMatch(/API key field/);
  });

  it("applies the outbound address policy to the base URL", async () => {
    process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    const refused = await create({ name: "Local vLLM", kind: "OPENAI", baseUrl: "http://10.1.2.3:8000/v1" });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.baseUrl).toMatch(/10\.1\.2\.3 is .*ALLOW_PRIVATE_UPSTREAMS/);
    // The app's own origin is always allowed (the demo provider lives there).
    const own = await create({ name: `Demo ${uniqueSlug()}`, kind: "OPENAI", baseUrl: "http://localhost:3000/api/demo/ai/v1" });
    expect(own.status).toBe(201);
  });

  it("is for the admin token only: a team key gets 403 on every provider operation", async () => {
    const { team } = await createTeamWithOwner();
    const { key } = await createTeamKey(team.id);
    expect((await create({ name: "Nope", kind: "OPENAI", baseUrl: "https://x.test" }, key)).status).toBe(403);
    expect((await call(providersRoute.GET, "GET", "/api/v1/ai/providers", { token: key })).status).toBe(403);
    expect((await call(testRoute.POST, "POST", "/api/v1/ai/providers/x/test", { params: { id: "x" }, token: key })).status).toBe(403);
  });
});

describe("PATCH and DELETE /api/v1/ai/providers/{id}", () => {
  it("replaces and clears the key and headers, audited only as replaced / cleared, and writes nothing for no change", async () => {
    const slug = uniqueSlug("prov");
    const { body } = await create({ slug, name: "Rotating", kind: "OPENAI", baseUrl: fake.openAiBaseUrl, apiKey: SECRET_KEY });
    const replaced = await patch(slug, { apiKey: "sk-live-replacement-key-987", extraHeaders: { "HTTP-Referer": HEADER_SECRET } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ hasApiKey: true, hasExtraHeaders: true });
    const row = await db.aiProvider.findUniqueOrThrow({ where: { slug } });
    expect(decryptSecret(row.apiKeyEncrypted!)).toBe("sk-live-replacement-key-987");

    const unchanged = await patch(slug, { name: "Rotating", timeoutMs: 120_000 });
    expect(unchanged.status).toBe(200);
    const cleared = await patch(slug, { apiKey: null, extraHeaders: null, name: "Keyless" });
    expect(cleared.body).toMatchObject({ name: "Keyless", hasApiKey: false, hasExtraHeaders: false });
    expect(await db.aiProvider.findUniqueOrThrow({ where: { slug } })).toMatchObject({
      apiKeyEncrypted: null,
      extraHeadersEncrypted: null,
    });

    const audits = (await auditRows(body.id)).map((row) => [row.action, row.metadata]);
    expect(audits).toEqual([
      ["ai_provider.created", expect.objectContaining({ apiKey: "set", extraHeaders: "not set" })],
      ["ai_provider.updated", { slug, changed: { apiKey: "replaced", extraHeaders: "set" } }],
      ["ai_provider.updated", { slug, changed: { name: { from: "Rotating", to: "Keyless" }, apiKey: "cleared", extraHeaders: "cleared" } }],
    ]);
    expect(JSON.stringify(audits)).not.toMatch(/sk-live|org-secret/);
  });

  it("answers 404 for an unknown provider, and deletes an unused one with an audit row", async () => {
    expect((await get("no-such-provider")).status).toBe(404);
    expect((await patch("no-such-provider", { name: "x" })).status).toBe(404);
    const { body } = await create({ name: `Spare ${uniqueSlug()}`, kind: "ANTHROPIC", baseUrl: "https://api.anthropic.test" });
    const deleted = await remove(body.slug);
    expect(deleted.status).toBe(200);
    expect(deleted.body.id).toBe(body.id);
    expect(await db.aiProvider.findUnique({ where: { id: body.id } })).toBeNull();
    expect((await auditRows(body.id)).map((row) => row.action)).toEqual(["ai_provider.created", "ai_provider.deleted"]);
    expect((await remove(body.id)).status).toBe(404);
  });
});

describe("POST /api/v1/ai/providers/{id}/test", () => {
  it("lists the models of an OpenAI-compatible and an Anthropic provider", async () => {
    const openai = await create({ name: `T ${uniqueSlug()}`, kind: "OPENAI", baseUrl: fake.openAiBaseUrl, apiKey: FAKE_API_KEY });
    const anthropic = await create({ name: `T ${uniqueSlug()}`, kind: "ANTHROPIC", baseUrl: fake.url, apiKey: FAKE_API_KEY });
    for (const provider of [openai.body, anthropic.body]) {
      const before = fake.requests.length;
      const result = await test(provider.id);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({
        ok: true,
        status: 200,
        models: ["fake-chat", "fake-embed"],
        message: expect.stringMatching(/2 models/),
      });
      const sent = fake.requests[before]!;
      expect(sent.method).toBe("GET");
      if (provider.kind === "OPENAI") {
        expect(sent.url).toBe("/v1/models");
        expect(sent.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
      } else {
        expect(sent.url).toBe("/v1/models?limit=1000");
        expect(sent.headers).toMatchObject({ "x-api-key": FAKE_API_KEY, "anthropic-version": "2023-06-01" });
      }
    }
  });

  it("says the key was refused (401) without quoting it", async () => {
    const wrongKey = "sk-wrong-key-that-must-not-leak-1234";
    const { body } = await create({ name: `T ${uniqueSlug()}`, kind: "OPENAI", baseUrl: fake.openAiBaseUrl, apiKey: wrongKey });
    const result = await test(body.id);
    expect(result.body).toMatchObject({ ok: false, failure: "unauthorized", status: 401 });
    expect(result.body.message).toMatch(/answered 401: the provider refused the API key/);
    expect(JSON.stringify(result.body)).not.toContain(wrongKey);
  });

  it("answers 404 for an unknown provider", async () => {
    expect((await test("no-such-provider")).status).toBe(404);
  });
});
