import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against the REAL server and engine: e2e/global-setup.ts
 * starts `node bin/caracal.mjs web --no-demo` on a temporary data directory and a free port.
 * It assumes `npm run build` already ran (engine binary in .build/, console in dist/).
 * Browsers cannot be downloaded here, hence executablePath; the flags keep Chromium off the network.
 */
// Several people run the suite in one working tree at once: give each run its own artifacts folder
// (set once here in the main process; workers inherit it).
process.env.E2E_RUN_ID ??= `${Date.now()}-${process.pid}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: `test-results/run-${process.env.E2E_RUN_ID}`,
  globalSetup: './e2e/global-setup.ts',
  // One server for the run and 2 shared cores: tests run one at a time, each with its own zone.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  // Generous: the 2 cores are shared with other jobs, and Monaco's first parse is CPU-bound.
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
