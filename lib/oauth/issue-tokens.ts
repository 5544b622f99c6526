// A fresh access token (1 h) and refresh token (30 days, never past the grant's expiry) for a grant,
// written hashed inside the caller's transaction; the values exist only in the token response.
import { db, type Prisma } from "@/lib/db";
import { ACCESS_TOKEN_TTL_MS, REFRESH_TOKEN_TTL_MS } from "@/lib/oauth/lifetimes";
import { generateOAuthSecret } from "@/lib/oauth/token-format";

export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
};

/** Expired codes and tokens are deleted now and then (a day after they expire), so the tables stay small. */
const SWEEP_EVERY = 200;
let untilSweep = SWEEP_EVERY;

export async function sweepExpiredOAuthSecrets(): Promise<void> {
  const before = new Date(Date.now() - 24 * 60 * 60_000);
  await db.oAuthAuthorizationCode.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.oAuthToken.deleteMany({ where: { expiresAt: { lt: before } } });
}

export async function issueTokens(
  tx: Prisma.TransactionClient,
  grant: { id: string; scope: string; expiresAt: Date | null },
  now = new Date(),
): Promise<TokenResponse> {
  const access = generateOAuthSecret("access");
  const refresh = generateOAuthSecret("refresh");
  const grantEnd = grant.expiresAt?.getTime() ?? Infinity;
  const accessExpires = Math.min(now.getTime() + ACCESS_TOKEN_TTL_MS, grantEnd);
  const refreshExpires = Math.min(now.getTime() + REFRESH_TOKEN_TTL_MS, grantEnd);
  if (--untilSweep <= 0) {
    untilSweep = SWEEP_EVERY;
    await sweepExpiredOAuthSecrets();
  }
  await tx.oAuthToken.createMany({
    data: [
      { tokenHash: access.hash, kind: "ACCESS", grantId: grant.id, expiresAt: new Date(accessExpires) },
      { tokenHash: refresh.hash, kind: "REFRESH", grantId: grant.id, expiresAt: new Date(refreshExpires) },
    ],
  });
  return {
    access_token: access.value,
    token_type: "Bearer",
    expires_in: Math.max(0, Math.floor((accessExpires - now.getTime()) / 1000)),
    refresh_token: refresh.value,
    scope: grant.scope,
  };
}
