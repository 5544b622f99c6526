-- CreateTable
CREATE TABLE "open_calls" (
    "requestId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "capKeyId" TEXT NOT NULL,
    "charged" BIGINT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "open_calls_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "app_instances" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "app_instances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "open_calls_instanceId_idx" ON "open_calls"("instanceId");

-- CreateIndex
CREATE INDEX "app_instances_seenAt_idx" ON "app_instances"("seenAt");

