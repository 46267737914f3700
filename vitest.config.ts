import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts'],
    // *.pg.test.ts need a PostgreSQL server: they run in the PostgreSQL lane (`npm run test:pg`, which sets
    // TEST_DATABASE_URL), not in the Node-only suite — excluded there rather than reported as skipped
    exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_URL ? [] : ['**/*.pg.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
