// What the portal and the management API may show of a key: everything but its hash. The key
// itself is never stored, so it cannot leak from here; the hash stays server-side too.
import type { ApiKey } from "@/lib/db";
import { maskApiKey, type KeyMode } from "@/lib/keys/key-format";

export type ApiKeyStatus = "active" | "expired" | "revoked" | "rotating" | "rotated";

export type PublicApiKey = {
  id: string;
  name: string;
  prefix: string;
  lastFour: string;
  masked: string;
  scopeAllApis: boolean;
  scopeApiIds: string[];
  scopeManage: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  spendCap: bigint | null;
  spent: bigint;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdById: string | null;
  rotatedToId: string | null;
  status: ApiKeyStatus;
};

/** A key's mode is in its stored prefix: `tg_test_` or `tg_live_`. */
export function keyModeOf(prefix: string): KeyMode {
  return prefix === "tg_test_" ? "test" : "live";
}

/**
 * Revoked wins over expired, expired over rotating (a rotated key works until its grace ends). A
 * rotated key past its grace (or rotated with none) is "rotated": it stopped because it was replaced.
 */
export function apiKeyStatus(row: Pick<ApiKey, "revokedAt" | "expiresAt" | "rotatedToId">, now = new Date()): ApiKeyStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return row.rotatedToId ? "rotated" : "expired";
  if (row.rotatedToId) return "rotating";
  return "active";
}

export function toPublicApiKey(row: ApiKey, now = new Date()): PublicApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    lastFour: row.lastFour,
    masked: maskApiKey(row.prefix, row.lastFour),
    scopeAllApis: row.scopeAllApis,
    scopeApiIds: [...row.scopeApiIds],
    scopeManage: row.scopeManage,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    spendCap: row.spendCap,
    spent: row.spent,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
    createdById: row.createdById,
    rotatedToId: row.rotatedToId,
    status: apiKeyStatus(row, now),
  };
}
