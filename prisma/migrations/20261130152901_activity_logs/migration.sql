-- CreateTable
CREATE TABLE "activity_logs" (
    "id" BIGSERIAL NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" UUID,
    "agent_id" UUID,
    "integration_id" UUID,
    "activity_type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "subject_type" TEXT,
    "subject_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "activity_logs_org_id_created_at_id_idx" ON "activity_logs"("org_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_logs_org_id_activity_type_created_at_id_idx" ON "activity_logs"("org_id", "activity_type", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_logs_org_id_agent_id_created_at_id_idx" ON "activity_logs"("org_id", "agent_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_logs_org_id_integration_id_created_at_id_idx" ON "activity_logs"("org_id", "integration_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activity_logs_created_at_idx" ON "activity_logs" USING BRIN ("created_at");

-- AddForeignKey
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
