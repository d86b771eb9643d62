-- CreateTable
CREATE TABLE "service_snapshots" (
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "ecs_service_name" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "task_definition_arn" TEXT,
    "family" TEXT,
    "revision" INTEGER,
    "sha" TEXT,
    "sha_source" TEXT,
    "image" TEXT,
    "image_digest" TEXT,
    "rollout_state" TEXT NOT NULL,
    "running" INTEGER NOT NULL DEFAULT 0,
    "desired" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "failed_tasks" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "primary_since" TIMESTAMPTZ(3),
    "observed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "service_snapshots_pkey" PRIMARY KEY ("application","environment","service")
);

-- CreateTable
CREATE TABLE "task_definition_cache" (
    "arn" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "containers" JSONB NOT NULL,
    "registered_at" TIMESTAMPTZ(3),
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_definition_cache_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "deployment_history" (
    "id" UUID NOT NULL,
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "from_task_definition_arn" TEXT,
    "to_task_definition_arn" TEXT NOT NULL,
    "from_revision" INTEGER,
    "to_revision" INTEGER NOT NULL,
    "from_sha" TEXT,
    "to_sha" TEXT,
    "cause" TEXT NOT NULL,
    "run_id" BIGINT,
    "actor_login" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT NOT NULL,
    "seeded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "deployment_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_runs" (
    "id" BIGINT NOT NULL,
    "application" TEXT NOT NULL,
    "workflow_id" BIGINT NOT NULL,
    "workflow_name" TEXT NOT NULL,
    "workflow_path" TEXT NOT NULL,
    "run_number" INTEGER NOT NULL,
    "run_attempt" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "branch" TEXT,
    "head_sha" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "conclusion" TEXT,
    "actor_login" TEXT,
    "actor_avatar_url" TEXT,
    "environment" TEXT,
    "url" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "run_started_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_jobs" (
    "id" BIGINT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "run_attempt" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "conclusion" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "steps" JSONB NOT NULL DEFAULT '[]',
    "url" TEXT NOT NULL,

    CONSTRAINT "workflow_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "github_deployments" (
    "id" BIGINT NOT NULL,
    "application" TEXT NOT NULL,
    "environment" TEXT,
    "github_environment" TEXT NOT NULL,
    "sha" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "run_id" BIGINT,
    "creator_login" TEXT,
    "state" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "github_deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pending_approvals" (
    "run_id" BIGINT NOT NULL,
    "environment" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "github_environment" TEXT NOT NULL,
    "head_sha" TEXT NOT NULL,
    "started_by_login" TEXT,
    "started_by_avatar_url" TEXT,
    "waiting_since" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "pending_approvals_pkey" PRIMARY KEY ("run_id","environment")
);

-- CreateTable
CREATE TABLE "deployment_reviews" (
    "key" TEXT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "reviewer_login" TEXT NOT NULL,
    "reviewer_avatar_url" TEXT,
    "state" TEXT NOT NULL,
    "comment" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_reviews_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "delivery_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("delivery_id")
);

-- CreateTable
CREATE TABLE "http_cache" (
    "url" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "http_cache_pkey" PRIMARY KEY ("url")
);

-- CreateTable
CREATE TABLE "upstream_states" (
    "system" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "message" TEXT,
    "failing_since" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "upstream_states_pkey" PRIMARY KEY ("system")
);

-- CreateTable
CREATE TABLE "health_check_results" (
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "detail" TEXT,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "health_check_results_pkey" PRIMARY KEY ("application","environment","name")
);

-- CreateTable
CREATE TABLE "environment_compares" (
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "head" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "commits" JSONB NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "environment_compares_pkey" PRIMARY KEY ("application","environment")
);

-- CreateTable
CREATE TABLE "repo_tags" (
    "repo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha" TEXT NOT NULL,

    CONSTRAINT "repo_tags_pkey" PRIMARY KEY ("repo","name")
);

-- CreateIndex
CREATE INDEX "task_definition_cache_region_family_revision_idx" ON "task_definition_cache"("region", "family", "revision");

-- CreateIndex
CREATE INDEX "deployment_history_application_environment_started_at_idx" ON "deployment_history"("application", "environment", "started_at" DESC);

-- CreateIndex
CREATE INDEX "deployment_history_application_environment_service_started__idx" ON "deployment_history"("application", "environment", "service", "started_at" DESC);

-- CreateIndex
CREATE INDEX "workflow_runs_application_created_at_idx" ON "workflow_runs"("application", "created_at" DESC);

-- CreateIndex
CREATE INDEX "workflow_runs_application_environment_created_at_idx" ON "workflow_runs"("application", "environment", "created_at" DESC);

-- CreateIndex
CREATE INDEX "workflow_runs_application_head_sha_idx" ON "workflow_runs"("application", "head_sha");

-- CreateIndex
CREATE INDEX "workflow_runs_status_idx" ON "workflow_runs"("status");

-- CreateIndex
CREATE INDEX "workflow_jobs_run_id_idx" ON "workflow_jobs"("run_id");

-- CreateIndex
CREATE INDEX "github_deployments_application_environment_sha_idx" ON "github_deployments"("application", "environment", "sha");

-- CreateIndex
CREATE INDEX "github_deployments_run_id_idx" ON "github_deployments"("run_id");

-- CreateIndex
CREATE INDEX "pending_approvals_application_environment_resolved_at_idx" ON "pending_approvals"("application", "environment", "resolved_at");

-- CreateIndex
CREATE INDEX "deployment_reviews_run_id_idx" ON "deployment_reviews"("run_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries"("received_at");

-- CreateIndex
CREATE INDEX "repo_tags_repo_sha_idx" ON "repo_tags"("repo", "sha");

