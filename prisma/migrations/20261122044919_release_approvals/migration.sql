-- CreateTable
CREATE TABLE "release_approvals" (
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "head_sha" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_approvals_pkey" PRIMARY KEY ("run_id","head_sha","login")
);

-- CreateIndex
CREATE INDEX "release_approvals_application_environment_idx" ON "release_approvals"("application", "environment");

