// Helpers for management API tests: call route handlers directly with real Requests, and create
// keys and APIs straight in the database (independent of the code under test).
import crypto from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import { generateApiKey } from "@/lib/keys/key-format";

export const adminToken = () => process.env.TOLLGATE_ADMIN_TOKEN!;
export const uniqueSlug = (label = "api") => `${label}-${crypto.randomBytes(4).toString("hex")}`;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  token?: string | null;
  body?: unknown;
  /** sent as-is, for malformed bodies */
  rawBody?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

export type CallResult = { status: number; headers: Headers; body: any };

/** Calls a route handler the way Next.js does: a Request and a `params` promise. */
export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const token = options.token === undefined ? adminToken() : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(new Request(`http://localhost${path}`, { method, headers, body }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A team key row with the given scopes; returns the raw key and the row. */
export async function createTeamKey(teamId: string, fields: Partial<Prisma.ApiKeyUncheckedCreateInput> = {}) {
  const { key, hash, prefix, lastFour } = generateApiKey("live");
  const row = await db.apiKey.create({ data: { name: "test key", scopeManage: true, ...fields, teamId, hash, prefix, lastFour } });
  return { key, row };
}

/** An API with plans straight in the database, published and public unless told otherwise. */
export async function seedApi(fields: Partial<Prisma.ApiCreateInput> = {}, plans: Partial<Prisma.PlanCreateWithoutApiInput>[] = [{}]) {
  const slug = fields.slug ?? uniqueSlug();
  return db.api.create({
    data: {
      name: `API ${slug}`,
      upstreamBaseUrl: "http://127.0.0.1:9",
      status: "PUBLISHED",
      publishedAt: new Date(),
      ...fields,
      slug,
      plans: { create: plans.map((plan, index) => ({ slug: `plan-${index}`, name: `Plan ${index}`, pricePerCall: 1_000n, ...plan })) },
    },
    include: { plans: true },
  });
}

/** A valid POST /api/v1/apis body with one plan. */
export function apiBody(overrides: Record<string, unknown> = {}) {
  return {
    slug: uniqueSlug(),
    name: "Weather API",
    upstreamBaseUrl: "https://weather.example.test/v1",
    plans: [
      {
        slug: "basic",
        name: "Basic",
        price: "0.002",
        rateLimit: 60,
        rateLimitWindowSec: 60,
        maxRequestBytes: 65536,
        requiresApproval: false,
      },
    ],
    ...overrides,
  };
}
