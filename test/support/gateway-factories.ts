// A metered API in one call for gateway tests: a funded team, an API pointing at a real upstream,
// a plan, a subscription and a key, all as real rows. Credit enters through a GRANT ledger row, so
// the ledger invariant holds from the start.
import crypto from "node:crypto";
import { db, type ApiStatus, type ApiVisibility, type ChargePolicy, type SubscriptionStatus } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto";
import { generateApiKey } from "@/lib/keys/key-format";
import { handleGatewayRequest } from "@/lib/gateway/handle-gateway-request";
import { grantCredit } from "@/lib/billing/grant-credit";
import { createTeamWithOwner } from "../factories";

export type GatewayFixtureOptions = {
  upstreamUrl: string;
  balance?: bigint;
  price?: bigint;
  rateLimit?: number;
  rateLimitWindowSec?: number;
  maxRequestBytes?: number;
  chargePolicy?: ChargePolicy;
  apiStatus?: ApiStatus;
  visibility?: ApiVisibility;
  subscription?: SubscriptionStatus | null;
  upstreamTimeoutMs?: number;
  upstreamConnectTimeoutMs?: number;
  credential?: { header: string; value: string };
};

export async function createGatewayFixture(options: GatewayFixtureOptions) {
  const { team, owner } = await createTeamWithOwner();
  const slug = `gw-${crypto.randomBytes(5).toString("hex")}`;
  const api = await db.api.create({
    data: {
      slug,
      name: `Gateway test ${slug}`,
      status: options.apiStatus ?? "PUBLISHED",
      visibility: options.visibility ?? "PUBLIC",
      upstreamBaseUrl: options.upstreamUrl,
      upstreamAuthHeader: options.credential?.header ?? null,
      upstreamCredentialEncrypted: options.credential ? encryptSecret(options.credential.value) : null,
      upstreamTimeoutMs: options.upstreamTimeoutMs ?? 30_000,
      upstreamConnectTimeoutMs: options.upstreamConnectTimeoutMs ?? 5_000,
      publishedAt: new Date(),
      deprecatedAt: options.apiStatus === "DEPRECATED" ? new Date() : null,
      plans: {
        create: {
          slug: "standard",
          name: "Standard",
          pricePerCall: options.price ?? 1_000n,
          rateLimit: options.rateLimit ?? 10_000,
          rateLimitWindowSec: options.rateLimitWindowSec ?? 60,
          maxRequestBytes: options.maxRequestBytes ?? 1_048_576,
          chargePolicy: options.chargePolicy ?? "REFUND_ON_UPSTREAM_FAILURE",
        },
      },
    },
    include: { plans: true },
  });
  const plan = api.plans[0]!;
  if (options.subscription !== null) {
    await db.subscription.create({ data: { teamId: team.id, apiId: api.id, planId: plan.id, status: options.subscription ?? "ACTIVE" } });
  }
  if (options.balance) await grant(team.id, options.balance);
  const { key, keyRow } = await createRawKey(team.id);
  return { team, owner, api, plan, slug, key, keyRow };
}

/** Credit through the domain's own grant, so it enters with its ledger row. */
export async function grant(teamId: string, amount: bigint) {
  await grantCredit(teamId, { amount, kind: "GRANT", reason: "test grant" }, { type: "SYSTEM" });
}

export async function createRawKey(
  teamId: string,
  options: { scopeAllApis?: boolean; scopeApiIds?: string[]; spendCap?: bigint; expiresAt?: Date; revokedAt?: Date } = {},
) {
  const generated = generateApiKey("test");
  const keyRow = await db.apiKey.create({
    data: {
      teamId,
      name: "gateway test key",
      hash: generated.hash,
      prefix: generated.prefix,
      lastFour: generated.lastFour,
      scopeAllApis: options.scopeAllApis ?? true,
      scopeApiIds: options.scopeApiIds ?? [],
      spendCap: options.spendCap ?? null,
      expiresAt: options.expiresAt ?? null,
      revokedAt: options.revokedAt ?? null,
    },
  });
  return { key: generated.key, keyRow };
}

export type CallOptions = { key?: string | null; method?: string; headers?: Record<string, string>; body?: BodyInit; signal?: AbortSignal };

/** Calls the gateway handler in-process, as the route handler does. */
export function callGateway(slug: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const request = new Request(`http://localhost:3000/api/gateway/${slug}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body,
    signal: options.signal,
    ...(options.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return handleGatewayRequest(request, { ip: "203.0.113.7", proto: "http", host: "localhost:3000" });
}
