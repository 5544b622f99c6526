// The public catalog: search over name, summary, description and tags; the tag filter and its
// counts; what a signed-out visitor may see (published and deprecated public APIs only); the
// "from" price of the plans open for subscription; and one API's page data.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, type ApiStatus, type ApiVisibility } from "@/lib/db";
import { listPublishedApis } from "@/lib/catalog/list-published-apis";
import { getPublishedApi, listOperations } from "@/lib/catalog/get-published-api";
import { demoOpenApi } from "@/lib/demo/openapi";

const token = () => crypto.randomBytes(5).toString("hex");

type PlanSeed = { price: bigint; archived?: boolean };

async function createApi(
  options: {
    name?: string;
    summary?: string;
    description?: string;
    tags?: string[];
    status?: ApiStatus;
    visibility?: ApiVisibility;
    plans?: PlanSeed[];
    sunsetAt?: Date;
    openapi?: object;
  } = {},
) {
  const slug = `cat-${token()}`;
  return db.api.create({
    data: {
      slug,
      name: options.name ?? `Catalog ${slug}`,
      summary: options.summary ?? "",
      description: options.description ?? "",
      tags: options.tags ?? [],
      status: options.status ?? "PUBLISHED",
      visibility: options.visibility ?? "PUBLIC",
      sunsetAt: options.sunsetAt ?? null,
      upstreamBaseUrl: "https://upstream.example.test",
      openapi: options.openapi,
      plans: {
        create: (options.plans ?? []).map((plan, index) => ({
          slug: `plan-${index}`,
          name: `Plan ${index}`,
          pricePerCall: plan.price,
          archivedAt: plan.archived ? new Date() : null,
        })),
      },
    },
  });
}

const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

describe("listPublishedApis", () => {
  it("finds APIs by name, summary, description or tag, whatever the case", async () => {
    const word = token();
    const byName = await createApi({ name: `Weather ${word.toUpperCase()}` });
    const bySummary = await createApi({ summary: `forecasts ${word}` });
    const byDescription = await createApi({ description: `## Usage\nCall **${word}** daily.` });
    const byTag = await createApi({ tags: [`tag-${word}`] });
    await createApi({ name: "Unrelated" });

    const { entries } = await listPublishedApis({ q: word.toUpperCase() });
    expect(ids(entries).sort()).toEqual([byName.id, bySummary.id, byDescription.id, byTag.id].sort());
    expect(entries[0]).not.toHaveProperty("description");
    expect((await listPublishedApis({ q: `  ${word}  ` })).entries).toHaveLength(4);
    expect((await listPublishedApis({ q: `no-such-${word}` })).entries).toEqual([]);
  });

  it("filters by tag and counts the tags of the APIs that match the search", async () => {
    const word = token();
    // Tags are searched too: theirs must not contain the search word.
    const other = token();
    const maps = `maps-${other}`;
    const geo = `geo-${other}`;
    const a = await createApi({ name: `A ${word}`, tags: [maps, geo] });
    const b = await createApi({ name: `B ${word}`, tags: [geo] });
    await createApi({ name: "Elsewhere", tags: [geo] });

    const searched = await listPublishedApis({ q: word });
    expect(searched.tags).toEqual([
      { tag: geo, count: 2 },
      { tag: maps, count: 1 },
    ]);
    expect(ids((await listPublishedApis({ q: word, tag: maps })).entries)).toEqual([a.id]);
    expect(ids((await listPublishedApis({ q: word, tag: geo.toUpperCase() })).entries).sort()).toEqual([a.id, b.id].sort());
    // Without a search, the tag reaches every visible API that carries it.
    const everywhere = await listPublishedApis({ tag: geo });
    expect(everywhere.entries).toHaveLength(3);
    expect(everywhere.total).toBeGreaterThanOrEqual(3);
  });

  it("shows published and deprecated public APIs only: never drafts, retired or private ones", async () => {
    const tag = `life-${token()}`;
    const sunsetAt = new Date("2031-01-31T00:00:00Z");
    const published = await createApi({ tags: [tag] });
    const deprecated = await createApi({ tags: [tag], status: "DEPRECATED", sunsetAt });
    await createApi({ tags: [tag], status: "DRAFT" });
    await createApi({ tags: [tag], status: "RETIRED" });
    await createApi({ tags: [tag], visibility: "PRIVATE" });

    const { entries } = await listPublishedApis({ tag });
    expect(ids(entries).sort()).toEqual([published.id, deprecated.id].sort());
    expect(entries.find((entry) => entry.id === deprecated.id)).toMatchObject({ status: "DEPRECATED", sunsetAt });
  });

  it("prices from the cheapest plan open for subscription; archived plans do not count", async () => {
    const tag = `price-${token()}`;
    const paid = await createApi({ tags: [tag], plans: [{ price: 5_000n }, { price: 2_000n }, { price: 100n, archived: true }] });
    const free = await createApi({ tags: [tag], plans: [{ price: 0n }, { price: 3_000n }] });
    const none = await createApi({ tags: [tag], plans: [{ price: 1n, archived: true }] });

    const { entries } = await listPublishedApis({ tag });
    const price = (id: string) => entries.find((entry) => entry.id === id)?.priceFrom;
    expect(price(paid.id)).toBe(2_000n);
    expect(price(free.id)).toBe(0n);
    expect(price(none.id)).toBeNull();
  });
});

describe("getPublishedApi", () => {
  it("returns a published API with its open plans and OpenAPI document", async () => {
    const api = await createApi({
      plans: [{ price: 2_000n }, { price: 1n, archived: true }],
      openapi: demoOpenApi("http://localhost:3000"),
    });
    const found = await getPublishedApi(api.slug);
    expect(found).toMatchObject({ id: api.id, slug: api.slug });
    expect(found!.plans.map((plan) => plan.pricePerCall)).toEqual([2_000n]);
    expect(found!.openapi).toMatchObject({ openapi: "3.1.0" });
  });

  it("answers null for drafts, retired and private APIs, and missing slugs", async () => {
    for (const options of [{ status: "DRAFT" }, { status: "RETIRED" }, { visibility: "PRIVATE" }] as const) {
      const api = await createApi(options);
      expect(await getPublishedApi(api.slug)).toBeNull();
    }
    expect(await getPublishedApi(`missing-${token()}`)).toBeNull();
  });

  it("has no document when none was published", async () => {
    const api = await createApi();
    expect((await getPublishedApi(api.slug))!.openapi).toBeNull();
  });
});

describe("listOperations", () => {
  it("lists each method and path template of a document, with its path parameters and whether it takes a body", () => {
    const operations = listOperations(demoOpenApi("http://localhost:3000"));
    expect(operations).toContainEqual({
      method: "GET",
      path: "/quote",
      summary: "A random public-domain quote",
      pathParams: [],
      hasBody: false,
    });
    expect(operations).toContainEqual(
      expect.objectContaining({ method: "POST", path: "/echo/{rest}", pathParams: ["rest"], hasBody: true }),
    );
    expect(operations).toContainEqual(expect.objectContaining({ method: "GET", path: "/status/{code}", pathParams: ["code"] }));
    expect(listOperations(null)).toEqual([]);
    expect(listOperations({ openapi: "3.1.0" })).toEqual([]);
  });
});
