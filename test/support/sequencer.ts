import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Files that mostly wait (child processes, sockets, replayed clocks: end to end, sandbox, CLI) start
// first, so their waiting overlaps the CPU-bound files instead of trailing after them. Vitest's own
// order (slowest first once its cache knows the durations) is kept within each half: this matters
// on a cold cache, as in CI, where vitest would run the small, slow sandbox files last.
const WAITING = /[\\/]test[\\/](e2e|sandbox|faults|cli)[\\/]/;

export default class WaitingFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => WAITING.test(f.moduleId)), ...sorted.filter((f) => !WAITING.test(f.moduleId))];
  }
}
