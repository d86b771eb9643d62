-- CreateTable
CREATE TABLE "flags" (
    "id" UUID NOT NULL,
    "application" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),
    "archived_by" TEXT,

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_states" (
    "flag_id" UUID NOT NULL,
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "default_value" JSONB NOT NULL,
    "rollout_value" JSONB NOT NULL,
    "rollout_percentage" INTEGER NOT NULL DEFAULT 0,
    "allow_list" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flag_states_pkey" PRIMARY KEY ("flag_id","environment")
);

-- CreateTable
CREATE TABLE "flag_api_keys" (
    "id" UUID NOT NULL,
    "application" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" CHAR(64) NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" TEXT,

    CONSTRAINT "flag_api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "flags_application_key_key" ON "flags"("application", "key");

-- CreateIndex
CREATE INDEX "flag_states_application_environment_idx" ON "flag_states"("application", "environment");

-- CreateIndex
CREATE UNIQUE INDEX "flag_api_keys_secret_hash_key" ON "flag_api_keys"("secret_hash");

-- CreateIndex
CREATE INDEX "flag_api_keys_application_environment_idx" ON "flag_api_keys"("application", "environment");

-- AddForeignKey
ALTER TABLE "flag_states" ADD CONSTRAINT "flag_states_flag_id_fkey" FOREIGN KEY ("flag_id") REFERENCES "flags"("id") ON DELETE CASCADE ON UPDATE CASCADE;

