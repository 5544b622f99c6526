// The admin console's forms for the registry, read by lib: provider forms (header lines, write-only
// key and headers kept, replaced or cleared, never echoed), model forms (first deployment both or
// neither, prices), and an AI API's form (models and plan limits as ticked lists, echoed after an
// error, and the form values of a saved AI API).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseHeaderLines, readProviderForm } from "@/lib/ai/registry/read-provider-form";
import { readModelForm } from "@/lib/ai/registry/read-model-form";
import { readApiForm } from "@/lib/catalog/read-api-form";
import { createApi } from "@/lib/catalog/create-api";
import { getApiForAdmin } from "@/lib/catalog/get-api";
import { apiFormValues } from "@/components/admin/apis/api-form-values";
import { uniqueSlug } from "../support/management-factories";

/** A form of `base` fields, each replaced by `extra` entries of the same name; extra names may repeat (ticked lists). */
function form(base: [string, string][], extra: [string, string][] = []): FormData {
  const data = new FormData();
  const replaced = new Set(extra.map(([name]) => name));
  for (const [name, value] of [...base.filter(([name]) => !replaced.has(name)), ...extra]) data.append(name, value);
  return data;
}

const provider = (extra: [string, string][] = []) =>
  form(
    [
      ["name", "Acme"],
      ["kind", "OPENAI"],
      ["baseUrl", "https://api.acme.test/v1"],
      ["connectTimeoutMs", "5000"],
      ["timeoutMs", "120000"],
    ],
    extra,
  );

describe("the provider form", () => {
  it("reads `Name: value` lines, and refuses a line that is not one", () => {
    expect(parseHeaderLines("OpenAI-Organization: org-1\n\nHTTP-Referer:  https://x.test  \r\n")).toEqual({
      headers: { "OpenAI-Organization": "org-1", "HTTP-Referer": "https://x.test" },
    });
    expect(parseHeaderLines("X-A: 1\nnot a header")).toEqual({ error: "Line 2: write each header as Name: value." });
    expect(parseHeaderLines("X-A: 1\nX-A: 2")).toEqual({ error: "Line 2: X-A is given twice." });
  });

  it("creates with the key and headers; after an error shows the other fields again, never the key or headers", async () => {
    const created = await readProviderForm(
      provider([
        ["apiKey", "sk-form-secret-1"],
        ["extraHeaders", "X-Org: org-secret-9"],
      ]),
      "create",
    );
    expect(created).toMatchObject({ ok: true, input: { apiKey: "sk-form-secret-1", extraHeaders: { "X-Org": "org-secret-9" } } });

    const refused = await readProviderForm(
      provider([
        ["apiKey", "sk-form-secret-1"],
        ["extraHeaders", "Authorization: Bearer sk-form-secret-1"],
        ["timeoutMs", "10"],
      ]),
      "create",
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.state.fieldErrors).toEqual({
      extraHeaders: "Authorization: Put the key in the API key field: Tollgate sends it as the provider expects.",
      timeoutMs: "Use at least 1000 ms.",
    });
    expect(refused.state.values).toMatchObject({ name: "Acme", baseUrl: "https://api.acme.test/v1", timeoutMs: "10" });
    expect(JSON.stringify(refused.state)).not.toContain("sk-form-secret-1");
  });

  it("on update an empty key or header field keeps what is stored and a ticked box clears it", async () => {
    const kept = await readProviderForm(provider(), "update", "https://api.acme.test/v1");
    expect(kept).toMatchObject({ ok: true });
    if (kept.ok) expect([kept.input.apiKey, kept.input.extraHeaders]).toEqual([undefined, undefined]);
    const cleared = await readProviderForm(
      provider([
        ["clear-apiKey", "on"],
        ["clear-extraHeaders", "on"],
      ]),
      "update",
    );
    if (cleared.ok) expect([cleared.input.apiKey, cleared.input.extraHeaders]).toEqual([null, null]);
    const replaced = await readProviderForm(
      provider([
        ["apiKey", "sk-new"],
        ["clear-apiKey", "on"],
      ]),
      "update",
    );
    if (replaced.ok) expect(replaced.input.apiKey).toBe("sk-new");
  });
});

describe("the model form", () => {
  const model = (extra: [string, string][] = []) =>
    form(
      [
        ["publicId", "acme-chat"],
        ["displayName", "Acme chat"],
        ["kind", "CHAT"],
        ["contextWindow", "32000"],
        ["maxOutputTokens", "4000"],
        ["inputPrice", "0.5"],
        ["outputPrice", "1.5"],
        ["supportsTools", "on"],
      ],
      extra,
    );

  it("reads limits, capabilities, prices and the first deployment", async () => {
    const read = await readModelForm(
      model([
        ["deployments.0.provider", "prov-1"],
        ["deployments.0.providerModel", "acme-large"],
      ]),
      "create",
    );
    expect(read).toMatchObject({
      ok: true,
      input: {
        contextWindow: 32_000,
        supportsTools: true,
        supportsVision: false,
        inputPrice: "0.5",
        cachedInputPrice: undefined,
        deployments: [{ provider: "prov-1", providerModel: "acme-large", weight: 1, priority: 0 }],
      },
    });
    const none = await readModelForm(model(), "create");
    expect(none.ok && none.input.deployments).toEqual([]);
  });

  it("wants both deployment fields or neither, and says what is wrong per field", async () => {
    const read = await readModelForm(
      model([
        ["deployments.0.providerModel", "acme-large"],
        ["contextWindow", "lots"],
        ["inputPrice", "1,5"],
      ]),
      "create",
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.state.fieldErrors ?? {}).sort()).toEqual(["contextWindow", "deployments.0.provider", "inputPrice"]);
    expect(read.state.values).toMatchObject({ publicId: "acme-chat", contextWindow: "lots" });
  });
});

describe("an AI API's form", () => {
  const aiForm = (entries: [string, string][]) =>
    form(
      [
        ["kind", "AI"],
        ["slug", uniqueSlug("ai")],
        ["name", "Chat"],
        ["version", "1"],
        ["visibility", "PUBLIC"],
        ["plans.0.slug", "free"],
        ["plans.0.name", "Free"],
        ["plans.0.price", "0"],
        ["plans.0.rateLimit", "10"],
        ["plans.0.rateLimitWindowSec", "60"],
        ["plans.0.maxRequestBytes", "1024"],
      ],
      entries,
    );

  it("reads the ticked models and plan limits, without upstream fields", async () => {
    const read = await readApiForm(
      aiForm([
        ["models", "m-a"],
        ["models", "m-b"],
        ["plans.0.allowedModels", "m-b"],
        ["plans.0.tokensPerMinute", "20000"],
        ["plans.0.maxOutputTokens", ""],
        ["upstreamBaseUrl", "https://ignored.test"],
      ]),
      "create",
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.input).toMatchObject({
      kind: "AI",
      models: ["m-a", "m-b"],
      plans: [{ slug: "free", allowedModels: ["m-b"], tokensPerMinute: 20_000, maxOutputTokens: null }],
    });
    expect(read.input).not.toHaveProperty("upstreamBaseUrl");
  });

  it("echoes ticked lists after an error, with list-item errors on their list", async () => {
    const read = await readApiForm(
      aiForm([
        ["models", "m-a"],
        ["models", "Not An Id"],
        ["plans.0.allowedModels", "m-a"],
        ["plans.0.tokensPerMinute", "-5"],
      ]),
      "create",
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.state.fieldErrors).toMatchObject({
      models: expect.stringContaining("lowercase"),
      "plans.0.tokensPerMinute": "Use at least 1.",
    });
    expect(read.state.values).toMatchObject({ models: "m-a,Not An Id", "plans.0.allowedModels": "m-a", kind: "AI" });
  });

  it("fills the edit form of a saved AI API with its models and each plan's limits", async () => {
    const ids = [uniqueSlug("m"), uniqueSlug("m")];
    for (const publicId of ids)
      await db.aiModel.create({ data: { publicId, displayName: publicId, contextWindow: 1_000, maxOutputTokens: 100 } });
    const api = await createApi(
      {
        slug: uniqueSlug("ai"),
        kind: "AI",
        name: "Saved",
        status: "DRAFT",
        models: ids,
        plans: [
          {
            slug: "free",
            name: "Free",
            price: "0",
            rateLimit: 1,
            rateLimitWindowSec: 60,
            maxRequestBytes: 1,
            requiresApproval: false,
            allowedModels: [ids[1]!],
            maxOutputTokens: 50,
          },
        ],
      },
      { type: "SYSTEM" },
    );
    expect(apiFormValues(await getApiForAdmin(api.slug))).toMatchObject({
      models: [...ids].sort().join(","),
      "plans.0.allowedModels": ids[1],
      "plans.0.tokensPerMinute": "",
      "plans.0.maxOutputTokens": "50",
    });
  });
});
