// The audit log: who did what to which object, written in the same transaction as the change.
import { db, type Prisma, type ActorType } from "@/lib/db";

export type AuditEntry = {
  actorType?: ActorType;
  actorUserId?: string | null;
  actorKeyId?: string | null;
  teamId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonValue;
  ip?: string | null;
  requestId?: string | null;
};

export async function recordAudit(entry: AuditEntry, tx: Prisma.TransactionClient = db) {
  await tx.auditLog.create({
    data: {
      actorType: entry.actorType ?? (entry.actorUserId ? "USER" : "SYSTEM"),
      actorUserId: entry.actorUserId ?? null,
      actorKeyId: entry.actorKeyId ?? null,
      teamId: entry.teamId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: entry.metadata,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
    },
  });
}
