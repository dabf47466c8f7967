// Prints the bot-vs-echo sections of `npm run bench`: every figure as a ratio to the echo bot with the
// issue's target and PASS/FAIL, then a summary of every line that fails.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { benchCommands, benchGuildMemory, benchStartup, openPair, prepareDatabase, type BenchEnv } from './compare.js';
import { SKIPPED_SUBCOMMANDS } from './matrix.js';
import { anonOutsideMalloc, MALLOC_TUNABLES, type BotKind, type BotMemory } from './bot-process.js';
import { formatRatioLine, median, mib, ms, passes, ratioHeader, type RatioLine } from './stats.js';

/** Issue 15's targets, as the largest ratio bot/echo allowed. */
export const TARGETS = { p50: 1.25, p99: 2, ready: 1.3, memory: 1.2 } as const;

export interface ComparisonOptions {
  readonly distRoot: string;
  readonly sections: ReadonlySet<string>;
  readonly calls: number;
  readonly runs: number;
  readonly guildCounts: readonly number[];
  /** Restarts of each bot per guild count (the median is the figure). */
  readonly guildRuns: number;
  readonly commandNames?: readonly string[];
  /** Write a CPU profile of every bot process here (node --cpu-prof), one .cpuprofile per process. */
  readonly profileDir?: string;
}

const rss = (m: NodeJS.MemoryUsage) => m.rss;

/**
 * Where the idle memory is, reported only (no target): a failing RSS ratio then says whether the
 * difference is V8's heap (a young generation grown at start-up and not yet shrunk, old data) or
 * pages of the node binary (ICU data for Intl) and native addons. Lines whose figure a platform
 * does not give (RSS split outside Linux) are left out.
 */
export const memoryDetailLines = (memory: Readonly<Record<BotKind, readonly BotMemory[]>>): RatioLine[] => {
  const parts: [string, (m: BotMemory) => number | null | undefined][] = [
    ['  RSS anonymous (heaps, stacks)', (m) => m.detail?.rssAnon],
    ['    malloc heap (SQLite, ICU)', (m) => m.detail?.rssBy?.mallocHeap],
    ["    worker threads' malloc arenas", (m) => m.detail?.rssBy?.threadArenas],
    ["    V8's heap, stacks, the rest", anonOutsideMalloc],
    ['  RSS file-backed (node, addons)', (m) => m.detail?.rssFile],
    ['    node read-only data (ICU)', (m) => m.detail?.rssBy?.nodeReadOnlyData],
    ['    addons (better-sqlite3)', (m) => m.detail?.rssBy?.addons],
    ['  V8 heap reserved (heapTotal)', (m) => m.heapTotal],
    ['  V8 new space reserved', (m) => m.detail?.spaces.new_space?.size],
    ['  V8 old space used', (m) => m.detail?.spaces.old_space?.used],
    ['  V8 large objects used', (m) => m.detail?.spaces.large_object_space?.used],
    ['  external (buffers, addons)', (m) => m.external],
  ];
  return parts.flatMap(([label, read]): RatioLine[] => {
    const values = (kind: BotKind) => memory[kind].map(read).filter((v): v is number => typeof v === 'number');
    const [bot, echo] = [values('bot'), values('echo')];
    return bot.length === 0 || echo.length === 0 ? [] : [{ label, bot: median(bot), echo: median(echo), target: null, format: mib }];
  });
};

/** Runs the selected sections and prints them; returns every ratio line (the smoke test reads them). */
export const runComparison = async (opts: ComparisonOptions, print: (line: string) => void = console.log): Promise<RatioLine[]> => {
  const { commands } = (await import('../discord/commands/index.js')) as { commands: readonly { data: { toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody } }[] };
  const env: BenchEnv = {
    distRoot: opts.distRoot,
    commands: commands.map((c) => c.data.toJSON()),
    log: (line) => print(line),
    ...(opts.profileDir ? { extraFlags: ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] } : {}),
  };
  const all: RatioLine[] = [];
  const show = (lines: RatioLine[]) => {
    print(ratioHeader());
    for (const line of lines) print(formatRatioLine(line));
    all.push(...lines);
  };
  print(`\nbot vs echo bot (discord.js, same stand-in build, compiled JS with plain node, flags: --expose-gc + the bench's memory probe;`);
  print(`  both with GLIBC_TUNABLES=${MALLOC_TUNABLES}, as the systemd unit runs the bot)`);

  const pair = await openPair(env);
  try {
    if (opts.sections.has('startup')) {
      print(`\nstart-up: ${opts.runs} restarts of each bot, alternating, on an existing database…`);
      const report = await benchStartup(env, pair, opts.runs);
      printSeasons(report.readyLine, print);
      print(`  first start on a new database (migrations + import; reported only): bot ${ms(report.firstStartMs.bot, 0)}, echo ${ms(report.firstStartMs.echo, 0)}`);
      show([
        { label: `ready: spawn → first answer (median of ${opts.runs})`, bot: median(report.readyMs.bot), echo: median(report.readyMs.echo), target: TARGETS.ready, format: (n) => ms(n, 0) },
        { label: `idle RSS after GC (median of ${opts.runs})`, bot: median(report.memory.bot.map(rss)), echo: median(report.memory.echo.map(rss)), target: TARGETS.memory, format: mib },
        { label: `idle heap used after GC (median)`, bot: median(report.memory.bot.map((m) => m.heapUsed)), echo: median(report.memory.echo.map((m) => m.heapUsed)), target: null, format: mib },
        ...memoryDetailLines(report.memory),
      ]);
    }
    if (opts.sections.has('commands')) {
      print(`\ncommands: dispatch → interaction callback at the stand-in, ${opts.calls} calls per command and bot, alternating call by call (20 untimed warm-up calls first);`);
      print(`  invokers in four languages (en, fr, ar, pt); left out: ${[...SKIPPED_SUBCOMMANDS].map(([c, subs]) => `/${c} ${subs.join('|')}`).join(', ')} (they change the server's setup or post)…`);
      const { reports, readyLine, autocompleted } = await benchCommands(env, pair, { calls: opts.calls, warmup: 20, ...(opts.commandNames ? { only: opts.commandNames } : {}) });
      if (!opts.sections.has('startup')) printSeasons(readyLine, print);
      // A short list (the competitions, i.e. the seasons the bot serves) is printed in full.
      const listed = [...autocompleted].map(([option, values]) => `${option} ${values.length}${values.length <= 8 ? ` (${values.join(', ')})` : ''}`);
      print(`  values of autocompleted options, from the bot's own autocomplete: ${listed.join('; ')}`);
      for (const r of reports) print(`  /${r.command}: ${r.variants} argument variants; ${r.privateAnswers} of ${r.calls} answers private (a user mistake, or a command that always answers privately)`);
      show(
        reports.flatMap((r): RatioLine[] => [
          { label: `/${r.command} p50`, bot: r.bot.p50, echo: r.echo.p50, target: TARGETS.p50, format: (n) => ms(n) },
          { label: `/${r.command} p99`, bot: r.bot.p99, echo: r.echo.p99, target: TARGETS.p99, format: (n) => ms(n) },
        ]),
      );
    }
  } finally {
    await pair.close();
  }
  if (opts.sections.has('guilds')) {
    print(`\nmemory after ready by guild count (RSS after a forced GC, median of ${opts.guildRuns} restarts of each bot on a stand-in announcing that many guilds, database already imported)…`);
    const lines: RatioLine[] = [];
    const db = await openPair(env);
    try {
      await prepareDatabase(env, db.databasePath);
      for (const guilds of opts.guildCounts) {
        const report = await benchGuildMemory(env, guilds, db.databasePath, opts.guildRuns);
        const label = `${guilds} guild${guilds === 1 ? '' : 's'}`;
        for (const kind of ['bot', 'echo'] as const) print(`    at ${label}, ${kind}: RSS ${report.memory[kind].map((m) => mib(m.rss)).join(', ')}`);
        const medianOf = (read: (m: BotMemory) => number) => ({ bot: median(report.memory.bot.map(read)), echo: median(report.memory.echo.map(read)) });
        lines.push({ label: `RSS at ${label}`, ...medianOf(rss), target: TARGETS.memory, format: mib });
        lines.push({ label: `heap used at ${label}`, ...medianOf((m) => m.heapUsed), target: null, format: mib });
      }
    } finally {
      await db.close();
    }
    show(lines);
  }

  const failing = all.filter((line) => !passes(line));
  const judged = all.filter((line) => line.target !== null);
  print(`\nsummary: ${judged.length - failing.length} of ${judged.length} targets hold${failing.length ? `; above target: ${failing.map((l) => `${l.label} ${(l.bot / l.echo).toFixed(2)}×`).join(', ')}` : ''}`);
  return all;
};

const printSeasons = (readyLine: Record<string, unknown>, print: (line: string) => void) => {
  const seasonFields = Object.fromEntries(Object.entries(readyLine).filter(([key]) => /season|data|competition/i.test(key)));
  print(`  the bot's data at run time (its ready line): ${JSON.stringify(seasonFields)}`);
};
