import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests run the real binary or cargo; on a busy 2-core machine 5 s is not enough.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
