-- AlterTable
ALTER TABLE "ai_deployments" ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT true;

