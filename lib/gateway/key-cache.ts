// API key resolution for the gateway and the management API, from an in-process cache.
//
// Revocation bound: an entry lives KEY_CACHE_TTL_MS. Revoking or rotating a key calls
// invalidate("api-key", hash), which takes effect at once on this instance and is announced to the
// others over LISTEN/NOTIFY (lib/cache, usually milliseconds); if that message is lost, other
// instances still stop accepting the key within KEY_CACHE_TTL_MS (5 s). Unknown keys are cached
// briefly too, so a flood of made-up but well-formed keys costs one query per key per NEGATIVE_TTL_MS.
import { db, pgPool } from "@/lib/db";
import { hashApiKey, isWellFormedApiKey } from "@/lib/keys/key-format";
import { TtlCache } from "@/lib/cache/ttl-cache";
import { onInvalidate } from "@/lib/cache/invalidate";

export const KEY_CACHE_TTL_MS = 5_000;
const NEGATIVE_TTL_MS = 2_000;

export type ResolvedKey = {
  id: string;
  teamId: string;
  teamSlug: string;
  scopeAllApis: boolean;
  scopeApiIds: ReadonlySet<string>;
  /** AI calls: model ids this key may use (empty: any its plans allow) */
  scopeModelIds: ReadonlySet<string>;
  scopeManage: boolean;
  /** epoch ms */
  expiresAt: number | null;
  revokedAt: number | null;
  spendCap: bigint | null;
  /** replaced by a rotation: once it stops (its grace period ended, or had none) its 401 says so */
  rotated: boolean;
  /**
   * The key whose `spent` counts against the cap: this key, or, while it is in its rotation grace
   * period, the key it was rotated to. Old and new key share one cap instead of doubling it.
   */
  capKeyId: string;
};

export type KeyCheck =
  { ok: true; key: ResolvedKey } | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" | "rotated" };

/** What a caller with a rotated key that stopped is told (gateway and AI gateway). */
export const ROTATED_KEY_DETAIL =
  "This API key was replaced: it was rotated and no longer works. Use the new key shown when it was rotated, or create one on your team's Keys page.";

const cache = TtlCache.shared<ResolvedKey | null>("api-keys", {
  ttlMs: KEY_CACHE_TTL_MS,
  emptyTtlMs: NEGATIVE_TTL_MS,
  isEmpty: (value) => value === null,
});

onInvalidate("api-key", "gateway-api-keys", (hash) => (hash === null ? cache.clear() : cache.delete(hash)));

// A cache miss is one prepared statement on the pool, not Prisma: with many keys that each call
// now and then (1,000 teams in the bench), nearly every call misses, and Prisma compiled its two
// queries per miss (key, then team) in its query compiler, a fifth of the app's CPU in a profile.
// Times are read as epoch milliseconds: the columns hold UTC without a zone, which PostgreSQL's
// epoch reads as UTC whatever the server's time zone.
const KEY_COLUMNS = `
SELECT k.id, k."teamId", t.slug AS "teamSlug", k."scopeAllApis", k."scopeApiIds", k."scopeModelIds", k."scopeManage",
       (extract(epoch FROM k."expiresAt") * 1000)::float8 AS "expiresAt", (extract(epoch FROM k."revokedAt") * 1000)::float8 AS "revokedAt",
       k."spendCap"::text AS "spendCap", k."rotatedToId"
FROM api_keys k JOIN teams t ON t.id = k."teamId"`;
const KEY_BY = {
  hash: { name: "tollgate_key_by_hash", text: `${KEY_COLUMNS} WHERE k.hash = $1` },
  id: { name: "tollgate_key_by_id", text: `${KEY_COLUMNS} WHERE k.id = $1` },
};

type KeyRow = {
  id: string;
  teamId: string;
  teamSlug: string;
  scopeAllApis: boolean;
  scopeApiIds: string[];
  scopeModelIds: string[];
  scopeManage: boolean;
  expiresAt: number | null;
  revokedAt: number | null;
  spendCap: string | null;
  rotatedToId: string | null;
};

async function loadKey(by: keyof typeof KEY_BY, value: string): Promise<ResolvedKey | null> {
  const { rows } = await pgPool().query<KeyRow>({ ...KEY_BY[by], values: [value] });
  const row = rows[0];
  if (!row) return null;
  const spendCap = row.spendCap === null ? null : BigInt(row.spendCap);
  const capHolder = row.rotatedToId ? await latestSuccessor(row.rotatedToId) : { id: row.id, spendCap };
  return {
    id: row.id,
    teamId: row.teamId,
    teamSlug: row.teamSlug,
    scopeAllApis: row.scopeAllApis,
    scopeApiIds: new Set(row.scopeApiIds),
    scopeModelIds: new Set(row.scopeModelIds),
    scopeManage: row.scopeManage,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    spendCap: capHolder.spendCap,
    rotated: row.rotatedToId !== null,
    capKeyId: capHolder.id,
  };
}

/** Follows a rotation chain (each key rotates at most once) to the key in use now. */
async function latestSuccessor(id: string): Promise<{ id: string; spendCap: bigint | null }> {
  for (let hops = 0; ; hops++) {
    const next = await db.apiKey.findUniqueOrThrow({ where: { id }, select: { id: true, spendCap: true, rotatedToId: true } });
    if (!next.rotatedToId || hops >= 10) return next;
    id = next.rotatedToId;
  }
}

/**
 * Checks a raw key: format and checksum first (no database), then the cached row. Answers without
 * a promise when the key is cached (the common case), so the hot path awaits only on a miss.
 */
export function authenticateApiKey(rawKey: string | null): KeyCheck | Promise<KeyCheck> {
  if (!rawKey) return { ok: false, reason: "missing" };
  if (!isWellFormedApiKey(rawKey)) return { ok: false, reason: "malformed" };
  const hash = hashApiKey(rawKey);
  const key = cache.lookup(hash, () => loadKey("hash", hash));
  return key instanceof Promise ? key.then(checkKey) : checkKey(key);
}

/**
 * A key the server itself picked for a call (the portal's try-it console: a signed-in member chose a
 * key of their team, whose secret nobody holds). Read fresh from the database, not the cache, so a
 * key revoked a moment ago is refused; the same record the gateway builds from a raw key.
 */
export function resolveApiKeyById(id: string): Promise<ResolvedKey | null> {
  return loadKey("id", id);
}

/** Revocation and expiry of a resolved key: the same rule for raw keys and keys the server picked. */
export function checkKey(key: ResolvedKey | null): KeyCheck {
  if (!key) return { ok: false, reason: "unknown" };
  const now = Date.now();
  if (key.revokedAt !== null && key.revokedAt <= now) return { ok: false, reason: "revoked" };
  if (key.expiresAt !== null && key.expiresAt <= now) return { ok: false, reason: key.rotated ? "rotated" : "expired" };
  return { ok: true, key };
}
