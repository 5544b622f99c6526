-- AlterTable
ALTER TABLE "usage_events" ADD COLUMN     "channel" TEXT,
ADD COLUMN     "tool" TEXT;
