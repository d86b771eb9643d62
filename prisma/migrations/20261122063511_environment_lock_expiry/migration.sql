-- AlterTable
ALTER TABLE "environment_locks" ADD COLUMN     "expires_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "environment_locks_expires_at_idx" ON "environment_locks"("expires_at");
