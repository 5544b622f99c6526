-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "leased" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "credit_leases" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "granted" BIGINT NOT NULL DEFAULT 0,
    "charged" BIGINT NOT NULL DEFAULT 0,
    "returned" BIGINT NOT NULL DEFAULT 0,
    "remaining" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closeReason" TEXT,

    CONSTRAINT "credit_leases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credit_leases_teamId_closedAt_idx" ON "credit_leases"("teamId", "closedAt");

-- CreateIndex
CREATE INDEX "credit_leases_closedAt_expiresAt_idx" ON "credit_leases"("closedAt", "expiresAt");

-- AddForeignKey
ALTER TABLE "credit_leases" ADD CONSTRAINT "credit_leases_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The lease arithmetic, enforced by the database as well (lib/billing/ledger/leases).
ALTER TABLE "teams" ADD CONSTRAINT "teams_leased_nonnegative" CHECK ("leased" >= 0);
ALTER TABLE "credit_leases" ADD CONSTRAINT "credit_leases_remaining_nonnegative" CHECK ("remaining" >= 0);
ALTER TABLE "credit_leases" ADD CONSTRAINT "credit_leases_accounted" CHECK ("granted" = "charged" + "returned" + "remaining");
