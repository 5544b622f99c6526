// OAuth secrets: authorization codes, access and refresh tokens. Each is 256 random bits behind a
// readable prefix, handed out once and stored only as its SHA-256, like team keys. The prefixes let
// the MCP endpoint tell an OAuth access token (`tgo_at_`) from a team key (`tg_live_`) without a query.
import { randomToken, sha256Hex } from "@/lib/crypto";

export const TOKEN_PREFIX = { code: "tgo_ac_", access: "tgo_at_", refresh: "tgo_rt_" } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

const BODY = /^[A-Za-z0-9_-]{43}$/;

export function generateOAuthSecret(kind: TokenKind): { value: string; hash: string } {
  const value = TOKEN_PREFIX[kind] + randomToken(32);
  return { value, hash: hashOAuthSecret(value) };
}

/** Shape only: a value that cannot be one of ours is refused without a query. */
export function isOAuthSecret(kind: TokenKind, value: unknown): value is string {
  return typeof value === "string" && value.startsWith(TOKEN_PREFIX[kind]) && BODY.test(value.slice(TOKEN_PREFIX[kind].length));
}

export function hashOAuthSecret(value: string): string {
  return sha256Hex(value);
}

/** True for a bearer value that is an OAuth access token rather than a team key. */
export function looksLikeAccessToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX.access);
}
