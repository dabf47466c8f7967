import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/sequencer.js';

// Tests import the stand-in by its package name; pointed at its TypeScript source (as the package's
// `standin-source` export condition does for tsc), so a change there needs no build before a run.
const standinSource = fileURLToPath(new URL('./packages/discord-standin/src/index.ts', import.meta.url));

/** One suite: `npm test` (vitest.config.ts) or `npm run test:faults` (vitest.faults.config.ts). */
export const suiteConfig = (include: string[], exclude: string[] = []): ViteUserConfig =>
  defineConfig({
    resolve: { alias: [{ find: /^discord-standin$/, replacement: standinSource }] },
    test: {
      include,
      exclude: [...configDefaults.exclude, ...exclude],
      // Child processes (bot, CLI, sandbox) run this run's JavaScript build of src/ with plain node.
      globalSetup: ['test/support/build-bot.ts'],
      // Most of the end-to-end time is waiting (replayed clocks, child processes, sockets), so more
      // files run at once than there are cores. Files share a worker's module cache (no test mocks
      // modules or changes globals), which saves re-importing discord.js and drizzle per file.
      maxWorkers: 5,
      isolate: false,
      // A child process started on a machine busy with five test files may take seconds to answer.
      testTimeout: 20_000,
      sequence: { sequencer: LongestFirstSequencer },
    },
  });
