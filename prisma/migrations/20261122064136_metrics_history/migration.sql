-- CreateTable
CREATE TABLE "deployment_outcomes" (
    "deployment_id" BIGINT NOT NULL,
    "application" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_outcomes_pkey" PRIMARY KEY ("deployment_id")
);

-- CreateTable
CREATE TABLE "deploy_commit_ranges" (
    "application" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "commits" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deploy_commit_ranges_pkey" PRIMARY KEY ("application","base","head")
);

-- CreateTable
CREATE TABLE "history_sync_marks" (
    "key" TEXT NOT NULL,
    "done_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "history_sync_marks_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "deployment_outcomes_application_idx" ON "deployment_outcomes"("application");

-- CreateIndex
CREATE INDEX "deploy_commit_ranges_application_head_idx" ON "deploy_commit_ranges"("application", "head");
