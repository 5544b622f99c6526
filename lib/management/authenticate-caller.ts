// Resolves `Authorization: Bearer <token>` to a Caller. The token is either the platform admin
// token (TOLLGATE_ADMIN_TOKEN; unset disables it) or a team key with the `manage` scope. The token
// itself never reaches a log line or a response.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sha256Hex, timingSafeEqualStrings } from "@/lib/crypto";
import { readBearerToken } from "@/lib/http/bearer";
import { authenticateApiKey } from "@/lib/gateway/key-cache";
import type { Caller } from "@/lib/management/caller";

const REJECTIONS = {
  missing: "Send a token in the Authorization header: `Authorization: Bearer <token>`.",
  malformed: "The bearer token is not a valid admin token or API key.",
  unknown: "The bearer token is not a valid admin token or API key.",
  revoked: "This API key has been revoked. Create a new key in the portal.",
  expired: "This API key has expired. Create a new key in the portal.",
  rotated: "This API key was replaced: it was rotated and no longer works. Use the new key shown when it was rotated.",
} as const;

function isAdminToken(token: string): boolean {
  const expected = env().TOLLGATE_ADMIN_TOKEN;
  if (!expected) return false;
  // Comparing digests keeps the comparison constant-time even when the lengths differ.
  return timingSafeEqualStrings(sha256Hex(token), sha256Hex(expected));
}

export async function authenticateCaller(headers: Headers): Promise<Caller> {
  const token = readBearerToken(headers);
  if (token && isAdminToken(token)) return { kind: "admin" };
  const check = await authenticateApiKey(token);
  if (!check.ok) throw new AppError("unauthorized", REJECTIONS[check.reason]);
  if (!check.key.scopeManage) {
    throw new AppError("forbidden", "This API key may not use the management API: create a key with the `manage` scope.");
  }
  return { kind: "team", teamId: check.key.teamId, keyId: check.key.id };
}
