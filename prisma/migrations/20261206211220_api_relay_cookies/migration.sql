-- AlterTable
ALTER TABLE "apis" ADD COLUMN     "relayCookies" BOOLEAN NOT NULL DEFAULT false;

