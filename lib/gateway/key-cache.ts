// API key resolution for the gateway and the management API, from an in-process cache.
//
// Revocation bound: an entry lives KEY_CACHE_TTL_MS. Revoking or rotating a key calls forgetApiKey,
// which takes effect at once on this instance; other instances stop accepting the key within
// KEY_CACHE_TTL_MS (5 s). Unknown keys are cached briefly too, so a flood of made-up but well-formed
// keys costs one query per key per NEGATIVE_TTL_MS.
import { db } from "@/lib/db";
import { hashApiKey, isWellFormedApiKey } from "@/lib/keys/key-format";

export const KEY_CACHE_TTL_MS = 5_000;
const NEGATIVE_TTL_MS = 2_000;
const MAX_ENTRIES = 50_000;

export type ResolvedKey = {
  id: string;
  teamId: string;
  teamSlug: string;
  scopeAllApis: boolean;
  scopeApiIds: ReadonlySet<string>;
  scopeManage: boolean;
  /** epoch ms */
  expiresAt: number | null;
  revokedAt: number | null;
  spendCap: bigint | null;
};

export type KeyCheck =
  | { ok: true; key: ResolvedKey }
  | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" };

type Entry = { value: ResolvedKey | null; until: number };
type CacheState = {
  entries: Map<string, Entry>;
  loading: Map<string, Promise<ResolvedKey | null>>;
  /** bumped by every forget, so a load that started before a revocation is not cached after it */
  generation: number;
};

// On globalThis so every route bundle in the process shares one cache (and one invalidation).
const globalCache = globalThis as typeof globalThis & { __tollgateKeyCache?: CacheState };
const cache: CacheState = (globalCache.__tollgateKeyCache ??= { entries: new Map(), loading: new Map(), generation: 0 });

async function loadKey(hash: string): Promise<ResolvedKey | null> {
  const row = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      teamId: true,
      scopeAllApis: true,
      scopeApiIds: true,
      scopeManage: true,
      expiresAt: true,
      revokedAt: true,
      spendCap: true,
      team: { select: { slug: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    teamId: row.teamId,
    teamSlug: row.team.slug,
    scopeAllApis: row.scopeAllApis,
    scopeApiIds: new Set(row.scopeApiIds),
    scopeManage: row.scopeManage,
    expiresAt: row.expiresAt?.getTime() ?? null,
    revokedAt: row.revokedAt?.getTime() ?? null,
    spendCap: row.spendCap,
  };
}

async function lookup(hash: string): Promise<ResolvedKey | null> {
  const now = Date.now();
  const hit = cache.entries.get(hash);
  if (hit && hit.until > now) return hit.value;

  // One query per key however many requests miss at the same moment.
  let pending = cache.loading.get(hash);
  if (!pending) {
    const generation = cache.generation;
    pending = loadKey(hash).finally(() => cache.loading.delete(hash));
    cache.loading.set(hash, pending);
    pending.then(
      (value) => {
        if (generation !== cache.generation) return;
        if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
        cache.entries.set(hash, { value, until: Date.now() + (value ? KEY_CACHE_TTL_MS : NEGATIVE_TTL_MS) });
      },
      () => undefined,
    );
  }
  return pending;
}

/** Checks a raw key: format and checksum first (no database), then the cached row. */
export async function authenticateApiKey(rawKey: string | null): Promise<KeyCheck> {
  if (!rawKey) return { ok: false, reason: "missing" };
  if (!isWellFormedApiKey(rawKey)) return { ok: false, reason: "malformed" };
  const key = await lookup(hashApiKey(rawKey));
  if (!key) return { ok: false, reason: "unknown" };
  const now = Date.now();
  if (key.revokedAt !== null && key.revokedAt <= now) return { ok: false, reason: "revoked" };
  if (key.expiresAt !== null && key.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, key };
}

/** Drops a key from this instance's cache; call after revoking, rotating or changing a key. */
export function forgetApiKey(hash: string): void {
  cache.generation++;
  cache.loading.delete(hash);
  cache.entries.delete(hash);
}

/** Drops every cached key of a team (e.g. after the team is deleted). */
export function forgetTeamKeys(teamId: string): void {
  cache.generation++;
  for (const [hash, entry] of cache.entries) if (entry.value?.teamId === teamId) cache.entries.delete(hash);
}
