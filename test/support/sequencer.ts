import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Longest first, so the files that run for a minute (mostly waiting on child processes and replayed
// clocks) start at once and overlap everything else instead of trailing at the end. Durations come
// from vitest's cache of the last run; a file the cache does not know (a cold cache, as in CI) counts
// as long when it starts processes (the bot, the CLI, the sandbox), middling when it runs the bot
// in-process (e2e/in-process-bot.ts, a few seconds), short otherwise.
const STARTS_PROCESSES = /node:child_process|spawnBot|startBotProcess|startAnnouncingBot|run-sandbox\.js|node:worker_threads/;
const UNKNOWN_WITH_PROCESSES_MS = 60_000;
const RUNS_BOT_IN_PROCESS = /in-process-bot\.js/;
const UNKNOWN_IN_PROCESS_MS = 10_000;

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const cost = (file: TestSpecification): number => {
      const known = this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
      if (known) return known.duration;
      const source = readFileSync(file.moduleId, 'utf8');
      if (STARTS_PROCESSES.test(source)) return UNKNOWN_WITH_PROCESSES_MS;
      return RUNS_BOT_IN_PROCESS.test(source) ? UNKNOWN_IN_PROCESS_MS : 0;
    };
    const costs = new Map(ordered.map((file) => [file, cost(file)]));
    return ordered.sort((a, b) => (costs.get(b) ?? 0) - (costs.get(a) ?? 0));
  }
}
