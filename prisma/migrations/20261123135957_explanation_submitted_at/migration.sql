-- AlterTable
ALTER TABLE "lateness_explanation" ADD COLUMN     "submitted_at" TIMESTAMPTZ(3);
