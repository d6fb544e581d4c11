-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'partially_failed', 'failed');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('connect', 'manual', 'schedule');

-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "last_synced_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'queued',
    "progress" JSONB NOT NULL DEFAULT '{}',
    "requests" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "rate_limited" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_pipelines" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sort" INTEGER NOT NULL,
    "is_main" BOOLEAN NOT NULL,
    "is_unsorted_on" BOOLEAN NOT NULL,
    "is_archive" BOOLEAN NOT NULL,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_pipelines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_stages" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "pipeline_kommo_id" INTEGER NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sort" INTEGER NOT NULL,
    "color" TEXT NOT NULL,
    "type" INTEGER NOT NULL,
    "is_editable" BOOLEAN NOT NULL,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_stages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_custom_fields" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
    "type" TEXT NOT NULL,
    "sort" INTEGER NOT NULL,
    "is_required" BOOLEAN NOT NULL,
    "is_api_only" BOOLEAN NOT NULL,
    "group_id" TEXT,
    "enums" JSONB NOT NULL DEFAULT '[]',
    "required_statuses" JSONB NOT NULL DEFAULT '[]',
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_custom_fields_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_sources" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "pipeline_kommo_id" INTEGER,
    "external_id" TEXT,
    "is_default" BOOLEAN NOT NULL,
    "origin_code" TEXT,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_users" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "is_admin" BOOLEAN NOT NULL,
    "is_active" BOOLEAN NOT NULL,
    "user_id" UUID,
    "mapped_by_hand" BOOLEAN NOT NULL DEFAULT false,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_users_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sync_runs_integration_id_created_at_id_idx" ON "sync_runs"("integration_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "kommo_pipelines_integration_id_kommo_id_key" ON "kommo_pipelines"("integration_id", "kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_stages_integration_id_pipeline_kommo_id_kommo_id_key" ON "kommo_stages"("integration_id", "pipeline_kommo_id", "kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_custom_fields_integration_id_entity_kommo_id_key" ON "kommo_custom_fields"("integration_id", "entity", "kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_sources_integration_id_kommo_id_key" ON "kommo_sources"("integration_id", "kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_users_integration_id_kommo_id_key" ON "kommo_users"("integration_id", "kommo_id");

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_pipelines" ADD CONSTRAINT "kommo_pipelines_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_stages" ADD CONSTRAINT "kommo_stages_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_custom_fields" ADD CONSTRAINT "kommo_custom_fields_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_sources" ADD CONSTRAINT "kommo_sources_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_users" ADD CONSTRAINT "kommo_users_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_users" ADD CONSTRAINT "kommo_users_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
