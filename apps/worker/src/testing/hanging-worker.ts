/**
 * A worker process for worker.test.ts to kill with SIGKILL: it runs `test_hang` jobs that never
 * finish and prints "started <jobId>" when one begins. Argument: the database URL.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '@leadpilot/db/client';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { createLogger } from '@leadpilot/runtime/logger';
import { createWorker } from '../worker';

const connectionString = process.argv[2]!; // the test database
const worker = createWorker({
  connectionString,
  db: createDb(connectionString, { max: 2 }),
  log: createLogger('hanging-worker', 'silent'),
  box: createSecretBox(randomBytes(32)),
  kommo: { publicUrl: 'http://localhost' },
  concurrency: 1,
  schedules: false,
  pollInterval: 100,
  tasks: [
    {
      identifier: 'test_hang',
      task: () => async (_payload, helpers) => {
        console.log(`started ${helpers.job.id}`);
        await new Promise(() => undefined);
      },
    },
  ],
});
await worker.start();
