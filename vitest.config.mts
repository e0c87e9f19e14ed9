import { defineConfig } from 'vitest/config';

// Every API test runs twice: on the embedded PGlite and on PostgreSQL (TEST_DATABASE_URL,
// default postgresql://postgres@127.0.0.1:5432/postgres). Tests that need PostgreSQL or Redis
// themselves (several instances, Redis outages) live in test/services/ and run once.
export default defineConfig({
  // Node loads graphql's CommonJS build for the server's dependencies; Vite would pick the ESM
  // build for our own files. Two copies of graphql break `instanceof`, so use the one Node uses.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Generous: the suite must also pass on a loaded 2-core machine (CI runs it on three Node versions).
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'pglite', include: ['test/*.test.ts'], env: { TEST_BACKEND: 'pglite' } },
      },
      {
        extends: true,
        test: { name: 'postgresql', include: ['test/*.test.ts'], exclude: ['test/seed-data.test.ts', 'test/unit-*.test.ts'], env: { TEST_BACKEND: 'postgresql' } },
      },
      {
        extends: true,
        test: { name: 'services', include: ['test/services/*.test.ts'], env: { TEST_BACKEND: 'postgresql' } },
      },
      {
        // The pages in a real Chromium (web/, built by `npm run build:web`): once, on PGlite.
        extends: true,
        test: { name: 'browser', include: ['test/browser/*.test.ts'], env: { TEST_BACKEND: 'pglite' } },
      },
    ],
  },
});
