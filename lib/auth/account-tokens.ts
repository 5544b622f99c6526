// Single-use links for an account (account_tokens): the link carries a random token, the database
// only its SHA-256. A newer link of the same purpose replaces the older ones; using a link is one
// conditional UPDATE, so two clicks racing each other verify once.
import { db, type AccountTokenPurpose, type Prisma } from "@/lib/db";
import { randomToken, sha256Hex } from "@/lib/crypto";

type Client = Prisma.TransactionClient;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,100}$/;

/** Issues a link token for `email`, valid for `ttlMs`; earlier unused ones of the purpose stop working. */
export async function issueAccountToken(
  input: { userId: string; purpose: AccountTokenPurpose; email: string; ttlMs: number },
  tx: Client = db,
): Promise<string> {
  const token = randomToken();
  await tx.accountToken.deleteMany({ where: { userId: input.userId, purpose: input.purpose, usedAt: null } });
  await tx.accountToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + input.ttlMs),
    },
  });
  return token;
}

export type TokenUse = { state: "consumed" | "used" | "expired"; userId: string; email: string } | { state: "invalid" };

/** Uses a token once. Only the first use is `consumed`; later ones see `used` (or `expired`). */
export async function consumeAccountToken(token: string, purpose: AccountTokenPurpose, tx: Client = db): Promise<TokenUse> {
  if (!TOKEN_SHAPE.test(token)) return { state: "invalid" };
  const tokenHash = sha256Hex(token);
  const { count } = await tx.accountToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  const row = await tx.accountToken.findUnique({
    where: { tokenHash },
    select: { purpose: true, userId: true, email: true, usedAt: true },
  });
  if (!row || row.purpose !== purpose) return { state: "invalid" };
  const state = count === 1 ? "consumed" : row.usedAt ? "used" : "expired";
  return { state, userId: row.userId, email: row.email };
}
