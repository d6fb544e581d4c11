-- CreateTable
CREATE TABLE "kommo_lead_stage_changes" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "lead_kommo_id" INTEGER NOT NULL,
    "from_pipeline_kommo_id" INTEGER,
    "from_status_kommo_id" INTEGER,
    "to_pipeline_kommo_id" INTEGER,
    "to_status_kommo_id" INTEGER NOT NULL,
    "changed_by_kommo_id" INTEGER,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "kommo_lead_stage_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_calls" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "note_kommo_id" INTEGER NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_kommo_id" INTEGER NOT NULL,
    "lead_kommo_id" INTEGER,
    "direction" TEXT NOT NULL,
    "call_status" INTEGER,
    "duration_seconds" INTEGER NOT NULL,
    "phone" TEXT,
    "recording_url" TEXT,
    "responsible_kommo_id" INTEGER,
    "missed" BOOLEAN NOT NULL,
    "called_at" TIMESTAMPTZ(3) NOT NULL,
    "callback_task_kommo_id" INTEGER,
    "summary_note_kommo_id" INTEGER,

    CONSTRAINT "kommo_calls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_notes" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "note_kommo_id" INTEGER NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_kommo_id" INTEGER NOT NULL,
    "lead_kommo_id" INTEGER,
    "note_type" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "author_kommo_id" INTEGER,
    "noted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_messages" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "message_kommo_id" TEXT NOT NULL,
    "chat_id" TEXT,
    "talk_kommo_id" INTEGER,
    "contact_kommo_id" INTEGER,
    "lead_kommo_id" INTEGER,
    "direction" TEXT NOT NULL,
    "origin" TEXT,
    "author_name" TEXT,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_talks" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "talk_kommo_id" INTEGER NOT NULL,
    "chat_id" TEXT,
    "contact_kommo_id" INTEGER,
    "lead_kommo_id" INTEGER,
    "origin" TEXT,
    "is_in_work" BOOLEAN NOT NULL DEFAULT true,
    "is_read" BOOLEAN NOT NULL DEFAULT false,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kommo_talks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_unsorted" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "uid" TEXT NOT NULL,
    "lead_kommo_id" INTEGER,
    "category" TEXT,
    "source_name" TEXT,
    "status" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "kommo_unsorted_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "integration_id" UUID,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "subject_type" TEXT,
    "subject_id" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "kommo_lead_stage_changes_integration_id_lead_kommo_id_chang_idx" ON "kommo_lead_stage_changes"("integration_id", "lead_kommo_id", "changed_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "kommo_lead_stage_changes_integration_id_lead_kommo_id_chang_key" ON "kommo_lead_stage_changes"("integration_id", "lead_kommo_id", "changed_at", "to_status_kommo_id");

-- CreateIndex
CREATE INDEX "kommo_calls_integration_id_lead_kommo_id_called_at_idx" ON "kommo_calls"("integration_id", "lead_kommo_id", "called_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "kommo_calls_integration_id_note_kommo_id_key" ON "kommo_calls"("integration_id", "note_kommo_id");

-- CreateIndex
CREATE INDEX "kommo_notes_integration_id_lead_kommo_id_noted_at_idx" ON "kommo_notes"("integration_id", "lead_kommo_id", "noted_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "kommo_notes_integration_id_note_kommo_id_key" ON "kommo_notes"("integration_id", "note_kommo_id");

-- CreateIndex
CREATE INDEX "kommo_messages_integration_id_lead_kommo_id_sent_at_idx" ON "kommo_messages"("integration_id", "lead_kommo_id", "sent_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "kommo_messages_integration_id_message_kommo_id_key" ON "kommo_messages"("integration_id", "message_kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_talks_integration_id_talk_kommo_id_key" ON "kommo_talks"("integration_id", "talk_kommo_id");

-- CreateIndex
CREATE UNIQUE INDEX "kommo_unsorted_integration_id_uid_key" ON "kommo_unsorted"("integration_id", "uid");

-- CreateIndex
CREATE INDEX "notifications_user_id_org_id_created_at_id_idx" ON "notifications"("user_id", "org_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_dedupe_key_key" ON "notifications"("user_id", "dedupe_key");

-- AddForeignKey
ALTER TABLE "kommo_lead_stage_changes" ADD CONSTRAINT "kommo_lead_stage_changes_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_calls" ADD CONSTRAINT "kommo_calls_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_notes" ADD CONSTRAINT "kommo_notes_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_messages" ADD CONSTRAINT "kommo_messages_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_talks" ADD CONSTRAINT "kommo_talks_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kommo_unsorted" ADD CONSTRAINT "kommo_unsorted_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
