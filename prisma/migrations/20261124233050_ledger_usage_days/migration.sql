-- CreateTable
CREATE TABLE "ledger_usage_days" (
    "id" BIGSERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "apiId" TEXT,
    "calls" BIGINT NOT NULL,
    "charged" BIGINT NOT NULL,
    "refunded" BIGINT NOT NULL,
    "net" BIGINT NOT NULL,

    CONSTRAINT "ledger_usage_days_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_usage_watermarks" (
    "teamId" TEXT NOT NULL,
    "closedThrough" DATE NOT NULL,

    CONSTRAINT "ledger_usage_watermarks_pkey" PRIMARY KEY ("teamId")
);

-- CreateIndex
CREATE INDEX "ledger_usage_days_teamId_day_idx" ON "ledger_usage_days"("teamId", "day");

-- CreateIndex
CREATE INDEX "usage_events_teamId_apiKeyId_createdAt_idx" ON "usage_events"("teamId", "apiKeyId", "createdAt");

-- AddForeignKey
ALTER TABLE "ledger_usage_days" ADD CONSTRAINT "ledger_usage_days_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_usage_watermarks" ADD CONSTRAINT "ledger_usage_watermarks_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

