// Rotating a key: a new key with the same name, mode, scopes, expiry, cap and spend, while the old
// one keeps working for a grace period so callers can switch without downtime. The spend is copied
// so that rotating cannot reset a spend cap.
import { z } from "zod";
import { db, type ApiKey } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/audit/actor";
import { invalidate } from "@/lib/cache/invalidate";
import { checkKeyAccess, keyAccessFor } from "@/lib/keys/key-access";
import { findTeamApiKey } from "@/lib/keys/find-team-api-key";
import { auditKeyChange, insertApiKey } from "@/lib/keys/insert-api-key";
import { keyModeOf, toPublicApiKey, type PublicApiKey } from "@/lib/keys/public-api-key";
import { validateInput } from "@/lib/validation";
import { carryKeySpend } from "@/lib/billing/ledger/carry-key-spend";

const MAX_GRACE_SECONDS = 7 * 86_400;

const rotateApiKeySchema = z.object({
  graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS, "The grace period is at most 7 days (604800 seconds)."),
});

export async function rotateApiKey(
  teamId: string,
  keyId: string,
  options: { graceSeconds: number },
  actor: Actor,
): Promise<{ key: string; apiKey: PublicApiKey; previous: PublicApiKey }> {
  const { graceSeconds } = validateInput(rotateApiKeySchema, options);
  const access = await keyAccessFor(actor, teamId);
  const old = await findTeamApiKey(teamId, keyId);
  checkKeyAccess(access, "manage_any", old.createdById);
  // The new key gets the old one's scopes: a member cannot mint a management key this way.
  if (old.scopeManage) checkKeyAccess(access, "create_manage");
  const now = new Date();
  assertRotatable(old, now);
  const graceEnd = new Date(now.getTime() + graceSeconds * 1000);
  const expiresAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;

  const result = await db.$transaction(async (tx) => {
    const created = await insertApiKey(tx, teamId, keyModeOf(old.prefix), pickCopied(old), actor);
    // Conditional: of two concurrent rotations the second finds rotatedToId set and rolls back.
    const { count } = await tx.apiKey.updateMany({
      where: { id: old.id, teamId, rotatedToId: null, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { rotatedToId: created.row.id, expiresAt },
    });
    if (count === 0) throw notRotatable();
    // Our update holds the old row's lock now, so this spend is the latest the gateway wrote.
    const previous = await findTeamApiKey(teamId, old.id, tx);
    await carryKeySpend(tx, { keyId: old.id }, { keyId: created.row.id });
    const next = await findTeamApiKey(teamId, created.row.id, tx);
    // One row on the rotated key; it names its successor, which is how the new key's history starts.
    await auditKeyChange(tx, actor, "api_key.rotated", previous, {
      newKeyId: next.id,
      newLastFour: next.lastFour,
      graceSeconds,
      graceEndsAt: expiresAt.toISOString(),
    });
    return { key: created.key, apiKey: toPublicApiKey(next), previous: toPublicApiKey(previous) };
  });
  invalidate("api-key", old.hash);
  return result;
}

function pickCopied(old: ApiKey) {
  const { name, scopeAllApis, scopeApiIds, scopeManage, expiresAt, spendCap, spent } = old;
  return { name, scopeAllApis, scopeApiIds, scopeManage, expiresAt, spendCap, spent };
}

function assertRotatable(key: ApiKey, now: Date) {
  if (key.revokedAt) throw new AppError("conflict", "This key is revoked; create a new key instead.");
  if (key.expiresAt && key.expiresAt <= now) throw new AppError("conflict", "This key has expired; create a new key instead.");
  if (key.rotatedToId) throw notRotatable();
}

const notRotatable = () =>
  new AppError("conflict", "This key was already rotated, revoked or has expired; rotate its replacement instead.");
