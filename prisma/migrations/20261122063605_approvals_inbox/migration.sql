-- AlterTable
ALTER TABLE "release_approvals" DROP CONSTRAINT "release_approvals_pkey",
ADD COLUMN     "run_attempt" INTEGER NOT NULL DEFAULT 1,
ADD CONSTRAINT "release_approvals_pkey" PRIMARY KEY ("run_id", "run_attempt", "head_sha", "login");

-- CreateTable
CREATE TABLE "release_compares" (
    "application" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "ahead_by" INTEGER NOT NULL,
    "behind_by" INTEGER NOT NULL,
    "commits" JSONB NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "release_compares_pkey" PRIMARY KEY ("application","base","head")
);

-- CreateIndex
CREATE INDEX "release_compares_fetched_at_idx" ON "release_compares"("fetched_at");

