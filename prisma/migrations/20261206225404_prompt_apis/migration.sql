-- CreateEnum
CREATE TYPE "PromptPricing" AS ENUM ('CALL_AND_TOKENS', 'TOKENS', 'CALL');

-- AlterEnum
ALTER TYPE "ApiKind" ADD VALUE 'PROMPT';

-- AlterTable
ALTER TABLE "apis" ADD COLUMN     "promptVersion" INTEGER;

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "promptPricing" "PromptPricing" NOT NULL DEFAULT 'CALL_AND_TOKENS';

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "promptVersion" INTEGER;

-- CreateTable
CREATE TABLE "prompt_api_versions" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "modelId" TEXT NOT NULL,
    "systemPrompt" TEXT NOT NULL DEFAULT '',
    "userTemplate" TEXT NOT NULL,
    "variables" JSONB NOT NULL,
    "outputSchema" JSONB,
    "temperature" DOUBLE PRECISION,
    "maxOutputTokens" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prompt_api_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "prompt_api_versions_modelId_idx" ON "prompt_api_versions"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "prompt_api_versions_apiId_version_key" ON "prompt_api_versions"("apiId", "version");

-- AddForeignKey
ALTER TABLE "prompt_api_versions" ADD CONSTRAINT "prompt_api_versions_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prompt_api_versions" ADD CONSTRAINT "prompt_api_versions_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ai_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

