-- AlterTable
ALTER TABLE "integrations" ADD COLUMN     "sync_watermarks" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "kommo_leads" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "price" BIGINT,
    "pipeline_kommo_id" INTEGER,
    "status_kommo_id" INTEGER,
    "responsible_kommo_id" INTEGER,
    "company_kommo_id" INTEGER,
    "contact_kommo_ids" INTEGER[],
    "tags" JSONB NOT NULL DEFAULT '[]',
    "custom_fields" JSONB NOT NULL DEFAULT '[]',
    "kommo_created_at" TIMESTAMPTZ(3) NOT NULL,
    "kommo_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_contacts" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "responsible_kommo_id" INTEGER,
    "phones" TEXT[],
    "emails" TEXT[],
    "custom_fields" JSONB NOT NULL DEFAULT '[]',
    "kommo_created_at" TIMESTAMPTZ(3) NOT NULL,
    "kommo_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_companies" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "responsible_kommo_id" INTEGER,
    "custom_fields" JSONB NOT NULL DEFAULT '[]',
    "kommo_created_at" TIMESTAMPTZ(3) NOT NULL,
    "kommo_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_companies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_tasks" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "kommo_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "task_type_id" INTEGER,
    "entity_type" TEXT,
    "entity_kommo_id" INTEGER,
    "responsible_kommo_id" INTEGER,
    "complete_till" TIMESTAMPTZ(3),
    "is_completed" BOOLEAN NOT NULL,
    "result_text" TEXT,
    "kommo_created_at" TIMESTAMPTZ(3) NOT NULL,
    "kommo_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "removed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kommo_leads_integration_id_kommo_updated_at_kommo_id_idx" ON "kommo_leads"("integration_id", "kommo_updated_at" DESC, "kommo_id" DESC);

-- CreateIndex
CREATE INDEX "kommo_leads_integration_id_pipeline_kommo_id_status_kommo_i_idx" ON "kommo_leads"("integration_id", "pipeline_kommo_id", "status_kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_leads_integration_id_kommo_id_key" ON "kommo_leads"("integration_id", "kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_contacts_integration_id_kommo_id_key" ON "kommo_contacts"("integration_id", "kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_companies_integration_id_kommo_id_key" ON "kommo_companies"("integration_id", "kommo_id");

-- CreateIndex
CREATE INDEX "kommo_tasks_integration_id_entity_type_entity_kommo_id_idx" ON "kommo_tasks"("integration_id", "entity_type", "entity_kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_tasks_integration_id_kommo_id_key" ON "kommo_tasks"("integration_id", "kommo_id");

-- AddForeignKey
ALTER TABLE "kommo_leads" ADD CONSTRAINT "kommo_leads_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_contacts" ADD CONSTRAINT "kommo_contacts_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_companies" ADD CONSTRAINT "kommo_companies_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_tasks" ADD CONSTRAINT "kommo_tasks_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
