-- AlterTable
ALTER TABLE "users" ADD COLUMN     "sessionsValidAfter" TIMESTAMP(3);

