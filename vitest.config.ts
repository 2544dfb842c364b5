import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built binary; keep the default pool and a generous per-test ceiling.
    testTimeout: 60_000,
  },
});
