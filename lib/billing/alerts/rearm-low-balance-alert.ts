// The low-balance alert fires once per crossing: lowBalanceAlertedAt is cleared (re-armed) only when
// the balance is back at or above the threshold. Called after credits inside their transaction, and
// by the watcher for every batch (grants and adjustments are caught there).
import { db, type Prisma } from "@/lib/db";

export async function rearmLowBalanceAlert(teamId: string, tx: Prisma.TransactionClient = db): Promise<void> {
  await tx.$executeRaw`
    UPDATE teams SET "lowBalanceAlertedAt" = NULL
    WHERE id = ${teamId} AND "lowBalanceAlertedAt" IS NOT NULL AND "lowBalanceThreshold" IS NOT NULL AND balance >= "lowBalanceThreshold"`;
}

export async function rearmLowBalanceAlerts(teamIds: string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE teams SET "lowBalanceAlertedAt" = NULL
    WHERE id = ANY(${teamIds}::text[]) AND "lowBalanceAlertedAt" IS NOT NULL AND "lowBalanceThreshold" IS NOT NULL AND balance >= "lowBalanceThreshold"`;
}
