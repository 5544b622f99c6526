// Seeds a fresh installation with a public Demo API (served by the app itself, see upstream.ts)
// and two plans. It runs once per database: the `seed.demo` setting records that it ran, so an admin
// who edits or deletes the demo never sees it come back. No users, passwords or credit: safe anywhere.
import { recordAudit } from "@/lib/audit/record-audit";
import { ApiStatus, ApiVisibility, type PrismaClient } from "@/lib/db";
import { demoOpenApi } from "@/lib/demo/openapi";

const DEMO_SEED_KEY = "seed.demo";
const DEMO_SEED_VERSION = 1;

type SeedDemoResult =
  { outcome: "already-seeded"; ranAt?: string } | { outcome: "skipped"; reason: string } | { outcome: "seeded"; apiId: string };

/** The app's own origin, as the start scripts configure it. */
function appOrigin(): string {
  return (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, "");
}

/** Where callers reach the gateway: GATEWAY_URL when the installation gives it its own hostname. */
function gatewayOrigin(): string {
  return process.env.GATEWAY_URL ? process.env.GATEWAY_URL.replace(/\/+$/, "") : appOrigin();
}

const demoDescription = (origin: string) => `The Demo API is served by this Tollgate installation itself, so you can try the whole flow
without an upstream of your own: subscribe your team, create a key, and call it through the gateway.

\`\`\`sh
curl -H "Authorization: Bearer $TOLLGATE_KEY" ${origin}/api/gateway/demo/quote
\`\`\`

## Endpoints
- \`ANY /echo[/anything]\` answers with the method, path, query, headers and body the upstream received:
  see exactly what the gateway forwarded (your key never arrives; cookies are dropped).
- \`GET /quote\` returns a random public-domain quote.
- \`GET /status/{code}\` answers with that HTTP status. By default, calls that end in a 5xx are refunded.
- \`GET /stream?count=5&intervalMs=200\` sends server-sent events, to see streaming through the gateway.
- \`GET /delay?ms=1000\` answers after a delay (at most 30 s), to try timeouts.

## Plans
- **Free**: no charge, 10 requests a minute per key, bodies up to 64 KiB.
- **Pro**: 0.002 per call, 600 requests a minute per key, bodies up to 1 MiB.
`;

export async function seedDemo(client: PrismaClient): Promise<SeedDemoResult> {
  return client.$transaction(async (tx) => {
    // Two instances starting together against one database: the second waits here, then sees the marker.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tollgate.seed.demo'))`;

    const marker = await tx.systemSetting.findUnique({ where: { key: DEMO_SEED_KEY } });
    if (marker) {
      const value = marker.value as { ranAt?: string } | null;
      return { outcome: "already-seeded", ranAt: value?.ranAt };
    }

    const now = new Date();
    const record = async (value: Record<string, string | number>) => {
      await tx.systemSetting.create({
        data: { key: DEMO_SEED_KEY, value: { version: DEMO_SEED_VERSION, ranAt: now.toISOString(), ...value } },
      });
    };

    // A database that already has a catalog is not a fresh install: leave it as it is.
    if ((await tx.api.count()) > 0) {
      await record({ skipped: "catalog not empty" });
      return { outcome: "skipped", reason: "the catalog already has APIs" };
    }

    const origin = appOrigin();
    const api = await tx.api.create({
      data: {
        slug: "demo",
        name: "Demo API",
        summary: "Echo, quotes, status codes, delays and server-sent events, served by Tollgate itself.",
        description: demoDescription(gatewayOrigin()),
        version: "1.0.0",
        tags: ["demo", "echo"],
        visibility: ApiVisibility.PUBLIC,
        status: ApiStatus.PUBLISHED,
        upstreamBaseUrl: `${origin}/api/demo`,
        openapi: demoOpenApi(gatewayOrigin()),
        publishedAt: now,
        plans: {
          create: [
            {
              slug: "free",
              name: "Free",
              description: "Try it out: no charge, 10 requests a minute per key.",
              pricePerCall: 0n,
              rateLimit: 10,
              rateLimitWindowSec: 60,
              maxRequestBytes: 65_536,
              requiresApproval: false,
              sortOrder: 0,
            },
            {
              slug: "pro",
              name: "Pro",
              description: "0.002 per call, 600 requests a minute per key, bodies up to 1 MiB.",
              pricePerCall: 2_000n, // micro-units: 0.002 of the currency
              rateLimit: 600,
              rateLimitWindowSec: 60,
              maxRequestBytes: 1_048_576,
              requiresApproval: false,
              sortOrder: 1,
            },
          ],
        },
      },
    });
    await recordAudit({ action: "api.demo_seeded", targetType: "api", targetId: api.id, metadata: { slug: api.slug } }, tx);
    await record({ apiId: api.id });
    return { outcome: "seeded", apiId: api.id };
  });
}
