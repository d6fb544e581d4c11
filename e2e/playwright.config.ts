import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.E2E_PORT ?? 3311);
export const baseURL = `http://localhost:${port}`;

/**
 * Browser tests against the real app: the same launcher as `pnpm start` (built web app, server,
 * worker) on its own port and a fresh embedded database, driven in Debian's Chromium.
 */
export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `pnpm --filter @leadpilot/web build && ${path.join(root, 'node_modules', '.bin', 'tsx')} scripts/start.ts --fresh`,
    cwd: root,
    url: `${baseURL}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      LEADPILOT_DATA_DIR: path.join(root, '.data', 'e2e'),
      LOG_LEVEL: 'warn',
      // An inherited DATABASE_URL would make the tests share a developer's database.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    },
  },
});
