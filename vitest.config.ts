import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the stand-in by its package name; pointed at its TypeScript source (as the package's
// `standin-source` export condition does for tsc), so a change there needs no build before `npm test`.
const standinSource = fileURLToPath(new URL('./packages/discord-standin/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: [{ find: /^discord-standin$/, replacement: standinSource }] },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
  },
});
