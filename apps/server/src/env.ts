import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '@leadpilot/db/paths';
import { parseEnv } from '@leadpilot/runtime/env';
import { logLevels } from '@leadpilot/runtime/logger';
import { kommoEnvShape } from '@leadpilot/domain/integrations/kommo-env';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  DATABASE_URL: z.url({
    message:
      'DATABASE_URL must be a postgres:// URL (pnpm start sets it for the embedded database).',
  }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public origin, e.g. https://app.example.com: allowed as Origin, and https here makes cookies Secure. */
  APP_URL: z.url().optional(),
  /** Behind a reverse proxy: take the client IP, host and scheme from X-Forwarded-* headers. */
  TRUST_PROXY: bool.default(false),
  /** The built web app to serve; empty to serve none (development: Vite serves it). */
  WEB_DIST: z.string().default(path.join(repoRoot, 'apps', 'web', 'dist')),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** 32 bytes, base64. Unset: a development key is generated into LEADPILOT_DATA_DIR. */
  ENCRYPTION_KEY: z.string().optional(),
  LEADPILOT_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  /** Largest Kommo webhook body accepted; larger ones are answered 413. */
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /**
   * Webhook batches written at once (each holds a database connection). Fewer means bigger
   * batches and fewer commits — on 2 cores, 1 costs Postgres ~40% less CPU per delivery — but
   * every request then waits behind any slow commit; 2 (measured against 1 and 4) keeps most of
   * the saving without that stall. See ARCHITECTURE.md (group commit, flush concurrency).
   */
  WEBHOOK_FLUSH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * While a webhook batch is being written, the next one starts only this many ms after the last
   * one started (0: at once, up to WEBHOOK_FLUSH_CONCURRENCY); see ARCHITECTURE.md (group commit).
   */
  WEBHOOK_FLUSH_OVERLAP_MS: z.coerce.number().min(0).max(100).default(2),
  ...kommoEnvShape,
});

export type ServerEnv = z.infer<typeof schema>;

/** The server's configuration, read and validated once. Nothing else reads process.env. */
export const readServerEnv = (source: NodeJS.ProcessEnv = process.env): ServerEnv =>
  parseEnv(schema, source, 'server');
