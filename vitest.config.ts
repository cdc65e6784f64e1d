import { defineConfig } from 'vitest/config';

// Unit tests of the console's pure logic (tokenizer, markers, completion…). The server has
// its own config in server/vitest.config.ts; e2e/ runs under Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
