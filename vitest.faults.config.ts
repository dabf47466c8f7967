import { suiteConfig } from './vitest.shared.js';

// `npm run test:faults`: the slow fault trials (a SIGKILL mid-fan-out and a restart, 200 channels at
// Discord's global rate limit). .ci/run runs them after `npm test`.
export default suiteConfig(['test/faults/**/*.test.ts']);
