import { defineConfig } from 'vitest/config';

/**
 * One run for every unit and API test. Node tests share one Postgres (embedded unless
 * DATABASE_URL is set) started by the global setup; each test file clones its own database from
 * a migrated template (see packages/db/src/test-database.ts).
 */
export default defineConfig({
  test: {
    projects: [
      'apps/web',
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'apps/worker/src/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          globalSetup: ['./vitest.global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
