-- CreateTable
CREATE TABLE "kommo_lead_refreshes" (
    "integration_id" UUID NOT NULL,
    "lead_kommo_id" INTEGER NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kommo_lead_refreshes_pkey" PRIMARY KEY ("integration_id","lead_kommo_id")
);

-- CreateIndex
CREATE INDEX "kommo_lead_refreshes_integration_id_requested_at_idx" ON "kommo_lead_refreshes"("integration_id", "requested_at");

-- AddForeignKey
ALTER TABLE "kommo_lead_refreshes" ADD CONSTRAINT "kommo_lead_refreshes_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
