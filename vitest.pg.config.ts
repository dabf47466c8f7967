import { configDefaults, defineConfig } from 'vitest/config';

// `npm run test:pg`: the database tests against a real PostgreSQL, named by TEST_DATABASE_URL (a role
// that may create databases: each test file works in a database of its own). Without it the run fails
// rather than skipping, so a CI where PostgreSQL did not start cannot pass. Start one with
//   eval "$(.ci/postgres start)"
const url = process.env.TEST_DATABASE_URL;
if (url === undefined || !/^postgres(ql)?:\/\//.test(url)) {
  throw new Error(
    'npm run test:pg needs TEST_DATABASE_URL=postgres://… (none set, so no PostgreSQL test ran). Start a test server with: eval "$(.ci/postgres start)"',
  );
}

export default defineConfig({
  test: {
    include: ['test/pg/**/*.pg-test.ts'],
    // The e2e harness (test/pg/bot-on-pg.pg-test.ts starts the bot against the stand-in) reads the per-run build.
    globalSetup: ['test/support/build-bot.ts'],
    exclude: [...configDefaults.exclude],
    // The files share one server; each makes its own database, so they may run side by side.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
