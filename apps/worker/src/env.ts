import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '@leadpilot/db/paths';
import { kommoEnvShape } from '@leadpilot/domain/integrations/kommo-env';
import { parseEnv } from '@leadpilot/runtime/env';
import { logLevels } from '@leadpilot/runtime/logger';

const schema = z.object({
  DATABASE_URL: z.url({
    message:
      'DATABASE_URL must be a postgres:// URL (pnpm start sets it for the embedded database).',
  }),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * How much the worker yields the CPU to the server (Unix niceness added to the process, 0–19):
   * jobs can wait a moment, a webhook acknowledgement or a page cannot. 0 when they have their
   * own machines.
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** How often an idle worker looks for jobs that became due (new jobs wake it at once). */
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(250),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  ENCRYPTION_KEY: z.string().optional(),
  LEADPILOT_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  APP_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** When every connected Kommo account is synced again (crontab syntax, UTC). */
  KOMMO_SYNC_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, {
      message: 'KOMMO_SYNC_CRON must have five crontab fields, e.g. "0 */3 * * *".',
    })
    .default('0 */3 * * *'),
  /** Activity-feed entries older than this many days are deleted (hourly, in batches). */
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(180),
  ...kommoEnvShape,
});

export type WorkerEnv = z.infer<typeof schema>;

/** The worker's configuration, read and validated once. */
export const readWorkerEnv = (source: NodeJS.ProcessEnv = process.env): WorkerEnv =>
  parseEnv(schema, source, 'worker');
