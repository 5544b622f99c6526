// Publishing an API: create and update with every field (all or nothing), the audit diff without
// the credential, refused input (duplicate slug, price out of range, bad OpenAPI, private upstream)
// from the admin form and the domain, and the lifecycle with its audit entries and its immediate
// effect on the gateway (Deprecation/Sunset headers, 410 once retired).
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { isAppError, type AppError } from "@/lib/errors";
import { createApiSchema, type CreateApi } from "@/lib/catalog/api-schemas";
import { createApi } from "@/lib/catalog/create-api";
import { updateApi } from "@/lib/catalog/update-api";
import { changeApiStatus, latestDeprecationNote } from "@/lib/catalog/change-api-status";
import { nextStatuses } from "@/lib/catalog/api-status";
import { getApiForAdmin } from "@/lib/catalog/get-api";
import { listApisForAdmin } from "@/lib/catalog/list-apis";
import { readApiForm } from "@/lib/catalog/read-api-form";
import { apiFormValues } from "@/components/admin/apis/api-form-values";
import { auditFor, createUser } from "../factories";
import { startUpstream, type Upstream } from "../support/upstream-server";
import { callGateway, createGatewayFixture } from "../support/gateway-factories";

const OPENAPI = {
  openapi: "3.1.0",
  info: { title: "Weather", version: "2.0.0" },
  paths: { "/forecast": { get: { responses: { "200": { description: "A forecast" } } } } },
};
const SECRET = "upstream-secret-do-not-leak";

let upstream: Upstream;
beforeAll(async () => void (upstream = await startUpstream()));
afterAll(() => upstream.close());
// test/setup-env.ts allows private upstreams (test upstreams listen on 127.0.0.1, placeholder hosts
// resolve nowhere); the tests of the refusal turn it off for themselves.
afterEach(() => {
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
});

const slug = () => `pub-${crypto.randomBytes(4).toString("hex")}`;
const plan = (overrides: Partial<CreateApi["plans"][number]> = {}) => ({
  slug: "basic",
  name: "Basic",
  price: "0.002",
  rateLimit: 60,
  rateLimitWindowSec: 60,
  maxRequestBytes: 65_536,
  requiresApproval: false,
  ...overrides,
});

function input(overrides: Partial<CreateApi> = {}): CreateApi {
  return createApiSchema.parse({
    slug: slug(),
    name: "Weather",
    summary: "Forecasts",
    description: "# Weather\nCalls cost **0.002**.",
    version: "2.0.0",
    tags: ["weather", "forecasts"],
    visibility: "PUBLIC",
    upstreamBaseUrl: "https://weather.example.test/v2",
    upstreamAuthHeader: "X-Api-Key",
    upstreamCredential: SECRET,
    upstreamConnectTimeoutMs: 2_000,
    upstreamTimeoutMs: 10_000,
    openapi: OPENAPI,
    plans: [plan(), plan({ slug: "pro", name: "Pro", price: "1.5", requiresApproval: true, chargePolicy: "ALWAYS_CHARGE" })],
    ...overrides,
  });
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

let adminId: string;
beforeAll(async () => {
  adminId = (await createUser()).id;
});
const admin = () => ({ type: "USER" as const, userId: adminId });

describe("createApi and updateApi", () => {
  it("creates an API with every field, audit-logged without the credential, and never hands the credential to the form", async () => {
    const api = await createApi(input(), admin());
    expect(api).toMatchObject({
      status: "DRAFT",
      tags: ["weather", "forecasts"],
      upstreamConnectTimeoutMs: 2_000,
      upstreamTimeoutMs: 10_000,
      openapi: OPENAPI,
    });
    expect(decryptSecret(api.upstreamCredentialEncrypted!)).toBe(SECRET);
    expect(api.plans.map((row) => [row.slug, row.pricePerCall, row.chargePolicy])).toEqual([
      ["basic", 2_000n, "REFUND_ON_UPSTREAM_FAILURE"],
      ["pro", 1_500_000n, "ALWAYS_CHARGE"],
    ]);

    const [entry] = await auditFor(api.id);
    expect(entry).toMatchObject({
      action: "api.created",
      actorUserId: adminId,
      metadata: {
        slug: api.slug,
        upstreamCredential: "set",
        openapi: "set",
        plans: [expect.objectContaining({ slug: "basic", price: "0.002" }), expect.objectContaining({ slug: "pro" })],
      },
    });
    expect(JSON.stringify(entry!.metadata)).not.toContain(SECRET);

    const values = apiFormValues(await getApiForAdmin(api.slug));
    expect(values).toMatchObject({
      name: "Weather",
      tags: "weather, forecasts",
      "plans.1.price": "1.5",
      "plans.1.requiresApproval": "on",
      "plans.0.existing": "1",
    });
    expect(JSON.stringify(values)).not.toContain(SECRET);
    expect(Object.keys(values).some((key) => /credential/i.test(key))).toBe(false);
  });

  it("refuses a duplicate slug with a field error and leaves the first API alone", async () => {
    const first = await createApi(input(), admin());
    const error = await refusal(createApi(input({ slug: first.slug, name: "Other" }), admin()));
    expect(error).toMatchObject({ code: "conflict", fieldErrors: { slug: "This slug is taken." } });
    expect((await db.api.findUniqueOrThrow({ where: { slug: first.slug } })).name).toBe("Weather");
  });

  it("refuses prices out of range, and the slug `new`", () => {
    const result = createApiSchema.safeParse({ ...input(), plans: [plan({ price: "250" }), plan({ slug: "neg", price: "-1" })] });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages["plans.0.price"]).toBe("Use a price from 0 to 100 per call.");
    expect(messages["plans.1.price"]).toBe("Must be 0 or more.");
    expect(createApiSchema.safeParse({ ...input(), slug: "new" }).error?.issues[0]?.message).toContain("reserved");
  });

  it("saves nothing when any part of a change is refused", async () => {
    const api = await createApi(input(), admin());
    // valid field changes + a new plan missing its fields (a zod error: the management API answers 422 per field)
    const incomplete = await updateApi(
      api.slug,
      {
        name: "Renamed",
        plans: [
          { slug: "basic", price: "0.5" },
          { slug: "gold", price: "1" },
        ],
      },
      admin(),
    ).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(incomplete).toBeInstanceOf(z.ZodError);
    expect((incomplete as z.ZodError).issues.map((issue) => issue.path.join("."))).toContain("plans.1.name");
    // a plan change + a refused status move
    await expect(updateApi(api.slug, { plans: [{ slug: "basic", price: "0.5" }], status: "RETIRED" }, admin())).rejects.toMatchObject({
      code: "conflict",
    });
    // an invalid OpenAPI document + a name change
    const invalid = await refusal(updateApi(api.slug, { name: "Renamed", openapi: { openapi: "3.1.0", info: {} } }, admin()));
    expect(invalid.fieldErrors).toMatchObject({
      openapi: expect.stringContaining("invalid"),
      "openapi#/info": expect.stringContaining("`title`"),
    });

    const row = await db.api.findUniqueOrThrow({ where: { slug: api.slug }, include: { plans: { orderBy: { sortOrder: "asc" } } } });
    expect(row).toMatchObject({ name: "Weather", status: "DRAFT", openapi: OPENAPI });
    expect(row.plans.map((p) => [p.slug, p.pricePerCall])).toEqual([
      ["basic", 2_000n],
      ["pro", 1_500_000n],
    ]);
    expect((await auditFor(api.id)).map((entry) => entry.action)).toEqual(["api.created"]);
  });

  it("refuses an upstream on a private, loopback or link-local address at save time", async () => {
    process.env.ALLOW_PRIVATE_UPSTREAMS = "false";
    const refused = await refusal(createApi(input({ upstreamBaseUrl: "http://169.254.169.254/latest/meta-data" }), admin()));
    expect(refused.fieldErrors?.upstreamBaseUrl).toContain("link-local");
    const api = await createApi(input({ upstreamBaseUrl: "http://localhost:3000/api/demo" }), admin()); // the app's own origin (the demo)
    const moved = await refusal(updateApi(api.slug, { upstreamBaseUrl: "http://10.0.0.5/" }, admin()));
    expect(moved.fieldErrors?.upstreamBaseUrl).toContain("private");
    expect((await db.api.findUniqueOrThrow({ where: { id: api.id } })).upstreamBaseUrl).toBe("http://localhost:3000/api/demo");
  });

  it("records what changed (from -> to), the credential only as replaced, and nothing for an unchanged save", async () => {
    const api = await createApi(input(), admin());
    await updateApi(
      api.slug,
      {
        name: "Weather 2",
        description: "New text",
        upstreamCredential: "another-secret",
        tags: ["weather"],
        plans: [
          { slug: "basic", price: "0.003", archived: true },
          { slug: "pro", price: "1.5" },
        ],
      },
      admin(),
    );
    const unchanged = await updateApi(
      api.slug,
      { name: "Weather 2", tags: ["weather"], plans: [{ slug: "basic", price: "0.003", archived: true }] },
      admin(),
    );
    expect(unchanged.plans.find((row) => row.slug === "basic")!.archivedAt).not.toBeNull();

    const updates = (await auditFor(api.id)).filter((entry) => entry.action === "api.updated");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.metadata).toEqual({
      slug: api.slug,
      changed: {
        name: { from: "Weather", to: "Weather 2" },
        description: "changed",
        tags: { from: ["weather", "forecasts"], to: ["weather"] },
        upstreamCredential: "replaced",
      },
      plans: [{ slug: "basic", changed: { price: { from: "0.002000", to: "0.003000" }, archived: { from: false, to: true } } }],
    });
    expect(JSON.stringify(updates[0]!.metadata)).not.toContain("another-secret");
    const row = await db.api.findUniqueOrThrow({ where: { id: api.id } });
    expect(decryptSecret(row.upstreamCredentialEncrypted!)).toBe("another-secret");

    await updateApi(api.slug, { upstreamCredential: null, openapi: null }, admin());
    const last = (await auditFor(api.id)).at(-1)!;
    expect(last.metadata).toMatchObject({ changed: { upstreamCredential: "cleared", openapi: "removed" } });
    expect(await db.api.findUniqueOrThrow({ where: { id: api.id } })).toMatchObject({ upstreamCredentialEncrypted: null, openapi: null });
  });

  it("lists every API for the admin with plan and subscription counts", async () => {
    const api = await createApi(input(), admin());
    await updateApi(api.slug, { plans: [{ slug: "pro", archived: true }] }, admin());
    const row = (await listApisForAdmin()).find((entry) => entry.slug === api.slug);
    expect(row).toMatchObject({ status: "DRAFT", openPlans: 1, archivedPlans: 1, activeSubscriptions: 0 });
  });
});

describe("the admin form", () => {
  function form(fields: Record<string, string>) {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  }
  const valid = () => ({
    slug: slug(),
    name: "Form API",
    version: "1.0.0",
    visibility: "PUBLIC",
    tags: "a, b, a",
    upstreamBaseUrl: "https://form.example.test",
    upstreamConnectTimeoutMs: "5000",
    upstreamTimeoutMs: "30000",
    "plans.0.slug": "free",
    "plans.0.name": "Free",
    "plans.0.price": "0",
    "plans.0.rateLimit": "10",
    "plans.0.rateLimitWindowSec": "60",
    "plans.0.maxRequestBytes": "1024",
    "plans.0.chargePolicy": "REFUND_ON_UPSTREAM_FAILURE",
  });

  it("reads a valid form into the create input", async () => {
    const read = await readApiForm(
      form({ ...valid(), openapiText: "openapi: 3.0.3\ninfo:\n  title: Form\n  version: '1'\npaths: {}\n" }),
      "create",
    );
    expect(read.ok).toBe(true);
    if (read.ok)
      expect(read.input).toMatchObject({
        tags: ["a", "b"],
        plans: [{ slug: "free", price: "0", rateLimit: 10, requiresApproval: false }],
        openapi: { info: { title: "Form" } },
      });
  });

  it("reads the relay-cookies checkbox both ways, fills it back from a saved API, and audit-logs the change", async () => {
    const on = await readApiForm(form({ ...valid(), relayCookies: "on" }), "create");
    const off = await readApiForm(form(valid()), "create");
    expect(on.ok && on.input.relayCookies).toBe(true);
    expect(off.ok && off.input.relayCookies).toBe(false);

    const api = await createApi(input({ relayCookies: true }), admin());
    expect(api.relayCookies).toBe(true);
    expect(apiFormValues(await getApiForAdmin(api.slug)).relayCookies).toBe("on");
    await updateApi(api.slug, { relayCookies: false }, admin());
    expect((await auditFor(api.id)).at(-1)!.metadata).toMatchObject({ changed: { relayCookies: { from: true, to: false } } });
    expect(apiFormValues(await getApiForAdmin(api.slug)).relayCookies).toBeUndefined();
  });

  it("reports every problem at once: plan rows, OpenAPI lines, the credential header; and never echoes the credential", async () => {
    const read = await readApiForm(
      form({
        ...valid(),
        upstreamCredential: SECRET,
        "plans.0.price": "101",
        "plans.0.rateLimit": "ten",
        openapiText: "openapi: 3.1.0\ninfo:\n  title: Form\npaths: {}\n",
      }),
      "create",
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.state.fieldErrors).toMatchObject({
      "plans.0.price": "Use a price from 0 to 100 per call.",
      "plans.0.rateLimit": "Enter a whole number.",
      upstreamAuthHeader: expect.stringContaining("header"),
      openapi: expect.stringContaining("Line 2"),
    });
    expect(read.state.openapiProblems).toEqual([
      { pointer: "/info", line: 2, column: 1, message: "is missing the required property `version`." },
    ]);
    expect(read.state.values).toMatchObject({ "plans.0.price": "101" });
    expect(JSON.stringify(read.state)).not.toContain(SECRET);
  });

  it("refuses an oversized upload with a field error", async () => {
    const data = form(valid());
    data.set("openapiFile", new File(["x".repeat(1024 * 1024 + 1)], "big.yaml"));
    const read = await readApiForm(data, "create");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.state.fieldErrors?.openapi).toContain("the limit is 1 MiB");
  });
});

describe("lifecycle", () => {
  it("publishes, deprecates with a sunset, undoes, deprecates again and retires, each audit-logged; refuses the rest", async () => {
    const api = await createApi(input(), admin());
    expect(nextStatuses("DRAFT")).toEqual(["PUBLISHED"]);
    await expect(changeApiStatus(api.slug, { status: "DEPRECATED" }, admin())).rejects.toMatchObject({ code: "conflict" });

    expect(await changeApiStatus(api.slug, { status: "PUBLISHED" }, admin())).toMatchObject({
      status: "PUBLISHED",
      publishedAt: expect.any(Date),
    });
    await expect(
      changeApiStatus(api.slug, { status: "DEPRECATED", sunsetAt: new Date(Date.now() - 1000).toISOString() }, admin()),
    ).rejects.toMatchObject({ fieldErrors: { sunsetAt: "Choose a sunset date in the future." } });
    const sunset = new Date(Date.now() + 30 * 86_400_000);
    const deprecated = await changeApiStatus(
      api.slug,
      { status: "DEPRECATED", sunsetAt: sunset.toISOString(), deprecationMessage: "Use weather-v3." },
      admin(),
    );
    expect(deprecated).toMatchObject({ status: "DEPRECATED", deprecatedAt: expect.any(Date), sunsetAt: sunset });
    expect(await latestDeprecationNote(api.id)).toBe("Use weather-v3.");

    expect(await changeApiStatus(api.slug, { status: "PUBLISHED" }, admin())).toMatchObject({
      status: "PUBLISHED",
      deprecatedAt: null,
      sunsetAt: null,
    });
    await changeApiStatus(api.slug, { status: "DEPRECATED" }, admin());
    expect(await changeApiStatus(api.slug, { status: "RETIRED" }, admin())).toMatchObject({
      status: "RETIRED",
      retiredAt: expect.any(Date),
    });
    expect(nextStatuses("RETIRED")).toEqual([]);
    const final = await refusal(changeApiStatus(api.slug, { status: "PUBLISHED" }, admin()));
    expect(final.message).toContain("retirement is final");
    await expect(changeApiStatus(api.slug, { status: "SOMETHING" }, admin())).rejects.toMatchObject({ code: "validation_failed" });

    const entries = await auditFor(api.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      "api.created",
      "api.published",
      "api.deprecated",
      "api.undeprecated",
      "api.deprecated",
      "api.retired",
    ]);
    expect(entries[2]!.metadata).toMatchObject({
      sunsetAt: sunset.toISOString(),
      message: "Use weather-v3.",
      status: { from: "PUBLISHED", to: "DEPRECATED" },
    });
  });

  it("refuses to publish an API whose plans are all archived", async () => {
    const api = await createApi(input({ plans: [plan()] }), admin());
    await updateApi(api.slug, { plans: [{ slug: "basic", archived: true }] }, admin());
    const error = await refusal(changeApiStatus(api.slug, { status: "PUBLISHED" }, admin()));
    expect(error.fieldErrors?.status).toContain("not archived");
  });

  it("takes effect on the gateway at once: Deprecation and Sunset headers, then 410", async () => {
    const fixture = await createGatewayFixture({ upstreamUrl: upstream.url, balance: 1_000_000n, price: 1_000n });
    expect((await callGateway(fixture.slug, "/echo", { key: fixture.key })).headers.get("deprecation")).toBeNull(); // now cached as published

    const sunset = new Date(Date.now() + 7 * 86_400_000);
    sunset.setUTCHours(0, 0, 0, 0);
    await changeApiStatus(fixture.slug, { status: "DEPRECATED", sunsetAt: sunset.toISOString() }, admin());
    const deprecated = await callGateway(fixture.slug, "/echo", { key: fixture.key });
    expect(deprecated.status).toBe(200);
    expect(deprecated.headers.get("deprecation")).toMatch(/^@\d+$/);
    expect(deprecated.headers.get("sunset")).toBe(sunset.toUTCString());

    await changeApiStatus(fixture.slug, { status: "RETIRED" }, admin());
    const retired = await callGateway(fixture.slug, "/echo", { key: fixture.key });
    expect(retired.status).toBe(410);
    expect(await retired.json()).toMatchObject({ code: "api_retired" });
  });
});
