import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-cache-dir.ts'],
    // Many tests run the real binary or cargo. These are hang guards, not budgets:
    // a machine several times slower than this one must still pass.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
