import { defineConfig } from 'vitest/config';

// Browser tests: real server processes, real Chromium. One file at a time (2 cores).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
