import { suiteConfig } from './vitest.shared.js';

// `npm test`: every test of the bot and of packages/*, except the slow fault trials in test/faults/.
export default suiteConfig(['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'], ['test/faults/**']);
