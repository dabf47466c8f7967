import { defineConfig } from 'vitest/config';

// The package's own suite (`npm test -w discord-standin`); the root config runs these files too.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
  },
});
