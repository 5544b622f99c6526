-- CreateIndex
CREATE INDEX "usage_events_teamId_model_createdAt_idx" ON "usage_events"("teamId", "model", "createdAt");

