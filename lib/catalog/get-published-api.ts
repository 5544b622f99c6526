// One API of the public catalog by slug, for its page: what a signed-out visitor may read. Drafts,
// retired and private APIs are "not found", the same as a slug that does not exist.
import { cache } from "react";
import { db } from "@/lib/db";
import { visibleApisWhere, visiblePlansWhere, type CatalogViewer } from "@/lib/catalog/api-visibility";
import { includePlans } from "@/lib/catalog/api-query";

const PUBLIC: CatalogViewer = { kind: "public" };

type OpenApiDocument = Record<string, unknown>;

/** Cached per request: the layout, the metadata and the page of an API read the same row once. */
export const getPublishedApi = cache(async (slug: string) => {
  const api = await db.api.findFirst({
    where: { slug, ...visibleApisWhere(PUBLIC) },
    select: {
      id: true,
      slug: true,
      name: true,
      summary: true,
      description: true,
      version: true,
      tags: true,
      status: true,
      deprecatedAt: true,
      sunsetAt: true,
      openapi: true,
      ...includePlans(visiblePlansWhere(PUBLIC)),
    },
  });
  if (!api) return null;
  const { openapi, ...rest } = api;
  return { ...rest, openapi: isOpenApiDocument(openapi) ? openapi : null };
});

export type PublishedApi = NonNullable<Awaited<ReturnType<typeof getPublishedApi>>>;

/** Documents are validated on save; this only guards the shape the renderer needs. */
function isOpenApiDocument(value: unknown): value is OpenApiDocument {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as OpenApiDocument).openapi === "string";
}

/** The document's operations, for the try-it console: method and path template, in document order. */
export type ApiOperation = { method: string; path: string; summary: string; pathParams: string[]; hasBody: boolean };

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;

export function listOperations(document: OpenApiDocument | null): ApiOperation[] {
  const paths = document?.paths;
  if (!paths || typeof paths !== "object") return [];
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(paths as Record<string, Record<string, unknown>>)) {
    if (!item || typeof item !== "object") continue;
    for (const method of METHODS) {
      const operation = item[method] as { summary?: unknown; requestBody?: unknown } | undefined;
      if (!operation || typeof operation !== "object") continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: typeof operation.summary === "string" ? operation.summary : "",
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!),
        hasBody: operation.requestBody !== undefined,
      });
    }
  }
  return operations;
}
