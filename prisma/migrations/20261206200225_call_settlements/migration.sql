-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('SETTLED', 'REFUNDED');

-- AlterEnum
ALTER TYPE "LedgerEntryKind" ADD VALUE 'USAGE_SETTLEMENT';

-- CreateTable
CREATE TABLE "call_settlements" (
    "requestId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "apiId" TEXT,
    "keyId" TEXT,
    "outcome" "CallOutcome" NOT NULL,
    "reserved" BIGINT NOT NULL,
    "actual" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_settlements_pkey" PRIMARY KEY ("requestId")
);

-- CreateIndex
CREATE INDEX "call_settlements_teamId_createdAt_idx" ON "call_settlements"("teamId", "createdAt");

-- AddForeignKey
ALTER TABLE "call_settlements" ADD CONSTRAINT "call_settlements_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

