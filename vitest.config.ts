import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most database and CLI tests wait on PostgreSQL, child processes and disk syncs: two
    // test files at a time keep both cores busy (the default leaves one of two idle).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
