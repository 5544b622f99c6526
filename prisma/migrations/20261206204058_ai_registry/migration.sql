-- CreateEnum
CREATE TYPE "ApiKind" AS ENUM ('REST', 'AI');

-- CreateEnum
CREATE TYPE "AiProviderKind" AS ENUM ('OPENAI', 'ANTHROPIC');

-- CreateEnum
CREATE TYPE "AiModelKind" AS ENUM ('CHAT', 'EMBEDDINGS');

-- CreateEnum
CREATE TYPE "UsageSource" AS ENUM ('PROVIDER', 'COUNTED', 'PARTIAL');

-- AlterTable
ALTER TABLE "apis" ADD COLUMN     "kind" "ApiKind" NOT NULL DEFAULT 'REST';

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "allowedModelIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "maxOutputTokens" INTEGER,
ADD COLUMN     "tokensPerMinute" INTEGER;

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "scopeModelIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "cachedInputTokens" INTEGER,
ADD COLUMN     "inputTokens" INTEGER,
ADD COLUMN     "model" TEXT,
ADD COLUMN     "outputTokens" INTEGER,
ADD COLUMN     "usageSource" "UsageSource";

-- CreateTable
CREATE TABLE "ai_providers" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AiProviderKind" NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "apiKeyEncrypted" TEXT,
    "extraHeadersEncrypted" TEXT,
    "connectTimeoutMs" INTEGER NOT NULL DEFAULT 5000,
    "timeoutMs" INTEGER NOT NULL DEFAULT 120000,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ai_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_models" (
    "id" TEXT NOT NULL,
    "publicId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "kind" "AiModelKind" NOT NULL DEFAULT 'CHAT',
    "contextWindow" INTEGER NOT NULL,
    "maxOutputTokens" INTEGER NOT NULL,
    "supportsTools" BOOLEAN NOT NULL DEFAULT false,
    "supportsVision" BOOLEAN NOT NULL DEFAULT false,
    "supportsJsonOutput" BOOLEAN NOT NULL DEFAULT false,
    "inputPrice" BIGINT NOT NULL DEFAULT 0,
    "cachedInputPrice" BIGINT NOT NULL DEFAULT 0,
    "outputPrice" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ai_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_deployments" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "providerModel" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_models" (
    "apiId" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,

    CONSTRAINT "api_models_pkey" PRIMARY KEY ("apiId","modelId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ai_providers_slug_key" ON "ai_providers"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ai_models_publicId_key" ON "ai_models"("publicId");

-- CreateIndex
CREATE INDEX "ai_deployments_modelId_idx" ON "ai_deployments"("modelId");

-- CreateIndex
CREATE INDEX "api_models_modelId_idx" ON "api_models"("modelId");

-- AddForeignKey
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ai_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "ai_providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_models" ADD CONSTRAINT "api_models_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_models" ADD CONSTRAINT "api_models_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ai_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

