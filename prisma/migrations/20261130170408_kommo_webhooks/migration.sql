-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'processed', 'duplicate', 'failed', 'unhandled', 'rejected', 'dead');

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "request_id" TEXT,
    "body_sha256" TEXT NOT NULL,
    "request_key" TEXT,
    "body_key" TEXT,
    "content_type" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "raw_body" BYTEA NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL,
    "duplicate_of_id" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "processed_at" TIMESTAMPTZ(3),
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_processing_requests" (
    "integration_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_processing_requests_pkey" PRIMARY KEY ("integration_id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_integration_id_received_at_id_idx" ON "webhook_deliveries"("integration_id", "received_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "webhook_deliveries_integration_id_status_received_at_id_idx" ON "webhook_deliveries"("integration_id", "status", "received_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_integration_id_request_key_key" ON "webhook_deliveries"("integration_id", "request_key");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_integration_id_body_key_key" ON "webhook_deliveries"("integration_id", "body_key");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_processing_requests" ADD CONSTRAINT "webhook_processing_requests_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
