// In-process cache of what the gateway needs to route a call: the API by slug, and a team's
// subscription (with its plan) to that API. Entries live ROUTE_CACHE_TTL_MS, so a change made on
// another instance (a price, a retirement, a cancelled subscription) reaches this one within 5 s,
// usually at once through LISTEN/NOTIFY; the domain announces changes with invalidate("api", slug)
// or invalidate("subscription", ...), and the handlers registered below forget the entries.
import { db, pgPool, type ApiKind, type ApiStatus, type ApiVisibility, type ChargePolicy, type SubscriptionStatus } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { onInvalidate, subscriptionKey } from "@/lib/cache/invalidate";

const ROUTE_CACHE_TTL_MS = 5_000;
const EMPTY_TTL_MS = 2_000;

export type RoutedApi = {
  id: string;
  slug: string;
  /** REST through this gateway; AI through /api/ai/v1 (lib/ai) */
  kind: ApiKind;
  name: string;
  status: ApiStatus;
  visibility: ApiVisibility;
  upstreamBaseUrl: string;
  upstreamAuthHeader: string | null;
  /** decrypted once per cache load; never logged, never sent anywhere but the upstream */
  upstreamCredential: string | null;
  connectTimeoutMs: number;
  timeoutMs: number;
  /** relay Set-Cookie and the caller's cookies, scoped to the API's gateway path (lib/gateway/cookies.ts) */
  relayCookies: boolean;
  deprecatedAt: Date | null;
  sunsetAt: Date | null;
};

export type RoutedPlan = {
  id: string;
  slug: string;
  pricePerCall: bigint;
  rateLimit: number;
  rateLimitWindowSec: number;
  maxRequestBytes: number;
  chargePolicy: ChargePolicy;
  /** AI plans (lib/ai): allowed model ids (empty: all of the API's), tokens per minute, output cap */
  allowedModelIds: string[];
  tokensPerMinute: number | null;
  maxOutputTokens: number | null;
};

type RoutedSubscription = { status: SubscriptionStatus; plan: RoutedPlan };

const apis = TtlCache.shared<RoutedApi | null>("gateway-apis", {
  ttlMs: ROUTE_CACHE_TTL_MS,
  emptyTtlMs: EMPTY_TTL_MS,
  isEmpty: (value) => value === null,
});
const subscriptions = TtlCache.shared<RoutedSubscription | null>("gateway-subscriptions", {
  ttlMs: ROUTE_CACHE_TTL_MS,
  emptyTtlMs: EMPTY_TTL_MS,
  isEmpty: (value) => value === null,
});

onInvalidate("api", "gateway-apis", (slug) => {
  if (slug === null) apis.clear();
  else apis.delete(slug);
  // Plans live in the subscription entries: drop them all, they reload in one query each.
  subscriptions.clear();
});
onInvalidate("subscription", "gateway-subscriptions", (key) => (key === null ? subscriptions.clear() : subscriptions.delete(key)));

async function loadApi(slug: string): Promise<RoutedApi | null> {
  const api = await db.api.findUnique({ where: { slug } });
  if (!api) return null;
  return {
    id: api.id,
    slug: api.slug,
    kind: api.kind,
    name: api.name,
    status: api.status,
    visibility: api.visibility,
    upstreamBaseUrl: api.upstreamBaseUrl,
    upstreamAuthHeader: api.upstreamAuthHeader,
    upstreamCredential: api.upstreamCredentialEncrypted ? decryptSecret(api.upstreamCredentialEncrypted) : null,
    connectTimeoutMs: api.upstreamConnectTimeoutMs,
    timeoutMs: api.upstreamTimeoutMs,
    relayCookies: api.relayCookies,
    deprecatedAt: api.deprecatedAt,
    sunsetAt: api.sunsetAt,
  };
}

// One prepared statement per miss, not Prisma (whose query compiler took a fifth of the app's CPU
// when many teams each call now and then, and so miss: key-cache.ts).
const SUBSCRIPTION = `
SELECT s.status::text AS status, p.id, p.slug, p."pricePerCall"::text AS "pricePerCall", p."rateLimit", p."rateLimitWindowSec",
       p."maxRequestBytes", p."chargePolicy"::text AS "chargePolicy", p."allowedModelIds", p."tokensPerMinute", p."maxOutputTokens"
FROM subscriptions s JOIN plans p ON p.id = s."planId"
WHERE s."teamId" = $1 AND s."apiId" = $2`;

type SubscriptionRow = Omit<RoutedPlan, "pricePerCall" | "chargePolicy"> & {
  status: SubscriptionStatus;
  pricePerCall: string;
  chargePolicy: ChargePolicy;
};

async function loadSubscription(teamId: string, apiId: string): Promise<RoutedSubscription | null> {
  const { rows } = await pgPool().query<SubscriptionRow>({
    name: "tollgate_subscription_route",
    text: SUBSCRIPTION,
    values: [teamId, apiId],
  });
  const row = rows[0];
  if (!row) return null;
  const { status, pricePerCall, ...plan } = row;
  return { status, plan: { ...plan, pricePerCall: BigInt(pricePerCall) } };
}

// Both answer without a promise when cached, so the hot path awaits only on a miss.
export function findApi(slug: string): RoutedApi | null | Promise<RoutedApi | null> {
  return apis.lookup(slug, () => loadApi(slug));
}

export function findSubscription(teamId: string, apiId: string): RoutedSubscription | null | Promise<RoutedSubscription | null> {
  return subscriptions.lookup(subscriptionKey(teamId, apiId), () => loadSubscription(teamId, apiId));
}
