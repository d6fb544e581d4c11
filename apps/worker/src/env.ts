import { z } from 'zod';
import { parseEnv } from '@leadpilot/runtime/env';
import { logLevels } from '@leadpilot/runtime/logger';

const schema = z.object({
  DATABASE_URL: z.url({
    message:
      'DATABASE_URL must be a postgres:// URL (pnpm start sets it for the embedded database).',
  }),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

/** The worker's configuration, read and validated once. */
export const readWorkerEnv = (source: NodeJS.ProcessEnv = process.env): WorkerEnv =>
  parseEnv(schema, source, 'worker');
