-- AlterTable
ALTER TABLE "ai_deployments" ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "channel" TEXT,
ADD COLUMN     "tool" TEXT;

