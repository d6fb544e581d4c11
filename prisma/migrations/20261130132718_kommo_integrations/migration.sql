-- CreateEnum
CREATE TYPE "IntegrationStatus" AS ENUM ('connected', 'needs_reauth', 'blocked', 'payment_required', 'disconnected');

-- CreateEnum
CREATE TYPE "IntegrationKind" AS ENUM ('kommo', 'kommo_demo');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "integration_id" UUID;

-- CreateTable
CREATE TABLE "integrations" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "kind" "IntegrationKind" NOT NULL,
    "host" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "account_id" INTEGER,
    "account_name" TEXT,
    "subdomain" TEXT,
    "status" "IntegrationStatus" NOT NULL DEFAULT 'connected',
    "status_reason" TEXT,
    "access_token_enc" TEXT,
    "refresh_token_enc" TEXT,
    "token_expires_at" TIMESTAMPTZ(3),
    "long_lived_token" BOOLEAN NOT NULL DEFAULT false,
    "webhook_secret_enc" TEXT NOT NULL,
    "webhook_registered" BOOLEAN NOT NULL DEFAULT false,
    "connected_by_id" UUID,
    "connected_at" TIMESTAMPTZ(3),
    "disconnected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_states" (
    "id" UUID NOT NULL,
    "state_hash" TEXT NOT NULL,
    "kind" "IntegrationKind" NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "session_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kommo_rate_limits" (
    "host" TEXT NOT NULL,
    "next_slot_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "kommo_rate_limits_pkey" PRIMARY KEY ("host")
);

-- CreateIndex
CREATE INDEX "integrations_account_id_idx" ON "integrations"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "integrations_org_id_host_key" ON "integrations"("org_id", "host");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_states_state_hash_key" ON "oauth_states"("state_hash");

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_connected_by_id_fkey" FOREIGN KEY ("connected_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
