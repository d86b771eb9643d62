-- CreateTable
CREATE TABLE "command_executions" (
    "actor_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" JSONB,
    "correlation_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "command_executions_pkey" PRIMARY KEY ("actor_id","idempotency_key")
);

-- CreateTable
CREATE TABLE "environment_locks" (
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "locked_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environment_locks_pkey" PRIMARY KEY ("application","environment")
);

-- CreateIndex
CREATE INDEX "command_executions_created_at_idx" ON "command_executions"("created_at");

