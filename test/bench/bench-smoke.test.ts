// The bench's pieces run (never a timed assertion: speed is what `npm run bench` prints as ratios).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { memoryDetailLines } from '../../src/bench/compare-report.js';
import { MALLOC_TUNABLES } from '../../src/bench/bot-process.js';
import { rssBySource } from '../../src/bench/rss-sources.js';
import { openPair, startAndProbe, type BenchEnv, type Pair } from '../../src/bench/compare.js';
import { commandMatrix, SKIPPED_SUBCOMMANDS } from '../../src/bench/matrix.js';
import { formatRatioLine, passes, summarize } from '../../src/bench/stats.js';
import { commands } from '../../src/discord/commands/index.js';
import { fromPackageRoot } from '../../src/package-root.js';

const definitions = commands.map((c) => c.data.toJSON());
const teams = ['Zamalek', 'RS Berkane'];
const inputs = { autocompleteValues: new Map([['team', teams]]), channelId: '#matchday' };

describe('the argument matrix', () => {
  it.each(definitions.map((d) => [d.name, d] as const))('/%s has at least one call, each naming the command', (name, definition) => {
    const calls = commandMatrix(definition, inputs);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.name).toBe(name);
  });

  it('reaches every choice of every top-level option, one option at a time', () => {
    for (const definition of definitions) {
      const calls = commandMatrix(definition, inputs);
      for (const option of definition.options ?? []) {
        for (const choice of (option as { choices?: { value: string | number }[] }).choices ?? []) {
          expect(calls.some((c) => c.options[option.name] === choice.value), `/${definition.name} ${option.name}=${choice.value}`).toBe(true);
        }
      }
    }
  });

  it('gives a required autocompleted option every value the bot offered', () => {
    const team = definitions.find((d) => d.name === 'team')!;
    expect(new Set(commandMatrix(team, inputs).map((c) => c.options.team))).toEqual(new Set(teams));
  });

  it('leaves out the subcommands that would change the server or post', () => {
    for (const [name, skipped] of SKIPPED_SUBCOMMANDS) {
      const calls = commandMatrix(definitions.find((d) => d.name === name)!, inputs);
      expect(calls.filter((c) => skipped.includes(c.subcommand ?? ''))).toEqual([]);
    }
  });
});

describe('ratio lines', () => {
  it.each([
    { bot: 1.2, echo: 1, target: 1.25, verdict: 'PASS' },
    { bot: 1.3, echo: 1, target: 1.25, verdict: 'FAIL' },
    { bot: 5, echo: 1, target: null, verdict: '(reported)' },
  ])('$bot vs $echo with target $target → $verdict', ({ bot, echo, target, verdict }) => {
    const line = { label: 'x', bot, echo, target, format: String };
    expect(formatRatioLine(line)).toContain(verdict);
    expect(passes(line)).toBe(verdict !== 'FAIL');
  });

  it('reports where the idle memory is as medians of both bots, leaving out what a platform does not give', () => {
    const probe = (rss: number, newSpace: number, rssAnon: number | null) =>
      ({ rss, heapTotal: rss / 2, heapUsed: rss / 4, external: 1, arrayBuffers: 0, detail: { spaces: { new_space: { size: newSpace, used: 0 } }, rssAnon, rssFile: null, rssBy: rssAnon === null ? null : { nodeReadOnlyData: rssAnon / 10, addons: 0, mallocHeap: 1, threadArenas: rssAnon / 5 } } }) as const;
    const lines = memoryDetailLines({ bot: [probe(100, 32, 60), probe(110, 16, 70), probe(120, 32, 80)], echo: [probe(80, 16, 50)] });
    const byLabel = new Map(lines.map((l) => [l.label.trim(), l]));
    expect(byLabel.get('V8 new space reserved')).toMatchObject({ bot: 32, echo: 16, target: null });
    expect(byLabel.get('RSS anonymous (heaps, stacks)')).toMatchObject({ bot: 70, echo: 50 });
    expect(byLabel.has('RSS file-backed (node, addons)')).toBe(false);
    expect(byLabel.get('node read-only data (ICU)')).toMatchObject({ bot: 7, echo: 5 });
    expect(byLabel.get("worker threads' malloc arenas")).toMatchObject({ bot: 14, echo: 10 });
    // What is anonymous and no malloc arena (the bot's median of 60, 70, 80 less 1 and a fifth).
    expect(byLabel.get("V8's heap, stacks, the rest")).toMatchObject({ bot: 55, echo: 39 });
    expect(byLabel.has('V8 old space used')).toBe(false);
  });

  it('splits resident memory by source from smaps: the node binary read-only data, addons, the malloc heaps', () => {
    const smaps = [
      '00400000-00b6f000 r--p 00000000 fe:00 260689                             /usr/bin/node',
      'Size:               7612 kB',
      'Rss:                4000 kB',
      '00b6f000-00b71000 r-xp 0076f000 fe:00 260689                             /usr/bin/node',
      'Rss:                 900 kB',
      '025fe000-04000000 r--p 021fe000 fe:00 260689                             /usr/bin/node',
      'Rss:                2000 kB',
      '7f0000000000-7f0000100000 r-xp 00000000 fe:00 12345                      /app/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'Rss:                1500 kB',
      '05000000-05400000 rw-p 00000000 00:00 0                                  [heap]',
      'Rss:                3000 kB',
      '7f1000000000-7f1000040000 rw-p 00000000 00:00 0 ',
      'Rss:                 256 kB',
      // A worker thread's arena: 64 MiB reserved at a 64 MiB boundary, 1 MiB of it read-write.
      '7f3004000000-7f3004100000 rw-p 00000000 00:00 0 ',
      'Rss:                 700 kB',
      '7f3004100000-7f3008000000 ---p 00000000 00:00 0 ',
      'Rss:                   0 kB',
      // Not arenas: a thread's stack under its guard page, and a V8 reservation of another size.
      '7f4000000000-7f4000800000 rw-p 00000000 00:00 0 ',
      'Rss:                  40 kB',
      '7f4000800000-7f4000801000 ---p 00000000 00:00 0 ',
      'Rss:                   0 kB',
      '7f5000000000-7f5000040000 rw-p 00000000 00:00 0 ',
      'Rss:                 256 kB',
      '7f5000040000-7f5080000000 ---p 00000000 00:00 0 ',
      'Rss:                   0 kB',
      '7f2000000000-7f2000010000 r--p 00000000 fe:00 777                        /usr/lib/x86_64-linux-gnu/libc.so.6',
      'Rss:                  64 kB',
    ].join('\n');
    expect(rssBySource(smaps, '/usr/bin/node')).toEqual({ nodeReadOnlyData: 6000 * 1024, addons: 1500 * 1024, mallocHeap: 3000 * 1024, threadArenas: 700 * 1024 });
  });

  it('prints no ratio for a part the echo bot does not have (an addon)', () => {
    const line = formatRatioLine({ label: 'addons', bot: 1.7, echo: 0, target: null, format: String });
    expect(line).toContain(' — ');
    expect(line).not.toContain('Infinity');
  });

  it('summarizes percentiles from the samples', () => {
    expect(summarize(Array.from({ length: 100 }, (_, i) => i + 1))).toMatchObject({ p50: 50, p99: 99, max: 100, count: 100 });
  });
});

describe('the allocator setting', () => {
  it('is the one the systemd unit runs the bot with', () => {
    const unit = readFileSync(fromPackageRoot('ops', 'caf-confed-bot.service'), 'utf8');
    expect(unit.split('\n')).toContain(`Environment=GLIBC_TUNABLES=${MALLOC_TUNABLES}`);
  });
});

describe('a bench bot process', () => {
  let pair: Pair | null = null;
  afterAll(async () => {
    await pair?.close();
  });

  it('the echo bot starts on its stand-in, answers pong, and reports its memory after a forced GC', async () => {
    const env: BenchEnv = { distRoot: join(inject('botBuildRoot'), 'dist'), commands: definitions };
    pair = await openPair(env);
    const started = await startAndProbe(env, 'echo', pair.standins.echo, pair.databasePath);
    try {
      expect(started.readyMs).toBeGreaterThan(0);
      const answer = pair.standins.echo.interactions().at(-1)?.callback;
      expect(answer).toMatchObject({ type: 4, data: { content: 'pong' } });
      const memory = await started.process.memory();
      expect(memory.rss).toBeGreaterThan(memory.heapUsed);
      // Where the memory is: V8's spaces always; on Linux, the split of RSS into anonymous and file pages.
      expect(memory.detail?.spaces.new_space?.size).toBeGreaterThan(0);
      expect(memory.detail?.spaces.old_space?.used).toBeGreaterThan(0);
      if (process.platform === 'linux') {
        expect((memory.detail?.rssAnon ?? 0) + (memory.detail?.rssFile ?? 0)).toBeGreaterThan(memory.heapUsed);
        // The node binary's own pages are resident in any node process; the echo bot loads no addon.
        expect(memory.detail?.rssBy?.nodeReadOnlyData).toBeGreaterThan(0);
        expect(memory.detail?.rssBy?.addons).toBe(0);
        // The malloc arenas are anonymous memory, a part of it.
        const by = memory.detail?.rssBy;
        expect(by?.threadArenas).toBeGreaterThanOrEqual(0);
        expect((by?.mallocHeap ?? Infinity) + (by?.threadArenas ?? Infinity)).toBeLessThan(memory.detail?.rssAnon ?? 0);
        // The echo bot runs with the allocator setting the bot's systemd unit gives the bot.
        expect(readFileSync(`/proc/${started.process.child.pid}/environ`, 'utf8').split('\0')).toContain(`GLIBC_TUNABLES=${MALLOC_TUNABLES}`);
      }
    } finally {
      await started.process.stop();
    }
  }, 60_000);
});
