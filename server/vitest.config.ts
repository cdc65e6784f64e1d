import { defineConfig } from 'vitest/config';

// Server suites: real HTTP against the real app, the real engine binary, SQLite and
// (with TEST_DATABASE_URL) PostgreSQL. Each file starts its own server and engine.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['server/test/**/*.test.ts'],
    globalSetup: ['server/test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
