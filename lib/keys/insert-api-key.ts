// Writes a new key row and its audit entry. Shared by create and rotate: the raw key is returned
// once to the caller and never stored; only its SHA-256, prefix and last four characters are.
import type { ApiKey, Prisma } from "@/lib/db";
import { auditActor, actorUserId, type Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateApiKey, type KeyMode } from "@/lib/keys/key-format";

type NewKeyFields = Pick<ApiKey, "name" | "scopeAllApis" | "scopeApiIds" | "scopeManage" | "expiresAt" | "spendCap"> & {
  spent?: bigint;
  kind?: ApiKey["kind"];
};

export async function insertApiKey(tx: Prisma.TransactionClient, teamId: string, mode: KeyMode, fields: NewKeyFields, actor: Actor) {
  const { key, hash, prefix, lastFour } = generateApiKey(mode);
  const row = await tx.apiKey.create({ data: { ...fields, teamId, hash, prefix, lastFour, createdById: actorUserId(actor) } });
  return { key, row };
}

/** Audit row for a key change; the metadata names the key but never carries it or its hash. */
export async function auditKeyChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: string,
  row: ApiKey,
  extra: Record<string, Prisma.InputJsonValue> = {},
) {
  const scopes = { allApis: row.scopeAllApis, apiIds: row.scopeApiIds, manage: row.scopeManage };
  await recordAudit(
    {
      ...auditActor(actor),
      teamId: row.teamId,
      action,
      targetType: "api_key",
      targetId: row.id,
      metadata: { name: row.name, prefix: row.prefix, lastFour: row.lastFour, scopes, ...extra },
    },
    tx,
  );
}
