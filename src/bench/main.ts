import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/client.js';
import { runComparison } from './compare-report.js';
import { benchFanout } from './fanout.js';
import { benchSeasons } from './seasons.js';
import { importSeason } from '../db/import.js';
import { loadSeason } from '../db/season-repo.js';
import { scheduleEntries, seasonRounds } from '../domain/calendar.js';
import { selectFixtures } from '../domain/fixtures.js';
import { resolveTeam, searchTeams } from '../domain/names.js';
import { computeRanking } from '../domain/ranking.js';
import { computeScorers } from '../domain/scorers.js';
import { computeGroupTables } from '../domain/standings.js';
import { computeStats } from '../domain/stats.js';
import { computeTies } from '../domain/ties.js';
import type { Season } from '../domain/types.js';
import { readSeasonFile } from '../season/read.js';

// `npm run bench` (builds first, then runs dist/bench/main.js with plain node): prints numbers,
// asserts nothing. Sections, each selectable with `--only a,b` or left out with `--skip a,b`:
//   commands  every command over its argument matrix, bot vs echo bot: p50/p99 ratios (issue 15)
//   startup   spawn → first answer and idle memory after a forced GC, median of --runs (default 5)
//   guilds    memory after ready at 1, 100 and 2,500 guilds (--guilds 1,100,2500), median of --guild-runs (5, as the idle row)
//   queries   season import, snapshot load and the domain queries in-process (absolute figures)
//   seasons   import time per shipped season, queries with every season loaded vs one (src/bench/seasons.ts)
//   fanout    one round's announcements to 1,000 channels (about half a minute; --no-fanout skips it)
// Other flags: --calls N (per command, default 1000), --commands fixtures,scorers (a subset),
// --profile DIR (both bots write a CPU profile there: node --cpu-prof; open it in Chrome DevTools).

const SECTIONS = ['commands', 'startup', 'guilds', 'queries', 'seasons', 'fanout'] as const;
type Section = (typeof SECTIONS)[number];

const flag = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const list = (name: string): string[] | undefined => flag(name)?.split(',').map((s) => s.trim()).filter(Boolean);

const selectedSections = (): Set<Section> => {
  const only = list('only');
  const skip = new Set(list('skip') ?? []);
  if (process.argv.includes('--no-fanout')) skip.add('fanout');
  for (const name of [...(only ?? []), ...skip]) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section ${name}: one of ${SECTIONS.join(', ')}`);
  }
  return new Set(SECTIONS.filter((s) => (only ? only.includes(s) : true) && !skip.has(s)));
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const summarize = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
};

const ms = (n: number) => `${n.toFixed(3)} ms`;

const time = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

// With --expose-gc (the npm script passes it), collect before each cold call so the time is the
// query's own and not a pause for garbage left by earlier runs.
const gc = (globalThis as { gc?: () => void }).gc;

/** One call on a fresh copy of the snapshot, so no per-season cache helps. */
const coldRun = (snapshot: Season, run: (s: Season) => unknown): number => {
  const fresh = structuredClone(snapshot);
  gc?.();
  return time(() => run(fresh));
};

const benchImport = (runs: number) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { db, close } = openDatabase(':memory:');
    samples.push(time(() => {
      const { season, hash } = readSeasonFile();
      importSeason(db, season, hash);
    }));
    close();
  }
  return summarize(samples);
};

const QUERIES: Record<string, (season: Season) => unknown> = {
  'teams search "zam"': (s) => searchTeams(s.teams, 'zam'),
  'team resolve "Berkane"': (s) => resolveTeam(s.teams, 'Berkane'),
  'fixtures (all)': (s) => selectFixtures(s),
  'fixtures --team zamalek': (s) => selectFixtures(s, { team: 'zamalek' }),
  'standings (4 groups)': (s) => computeGroupTables(s),
  'ties (all rounds)': (s) => computeTies(s),
  'scorers': (s) => computeScorers(s),
  'stats': (s) => computeStats(s),
  'ranking': (s) => computeRanking(s),
  'schedule': (s) => scheduleEntries(s),
  'rounds (announcements)': (s) => seasonRounds(s),
};

const main = async () => {
  const sections = selectedSections();
  console.log(`caf-confed-bot bench · node ${process.version} · ${process.platform}/${process.arch} · ${cpus().length} cores · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · gc between cold runs: ${gc ? 'yes' : 'no'}`);
  if (sections.has('commands') || sections.has('startup') || sections.has('guilds')) {
    if (import.meta.url.endsWith('.ts')) throw new Error('the bot-vs-echo sections run compiled bots: use `npm run bench` (builds, then runs dist/bench/main.js)');
    await runComparison({
      distRoot: fileURLToPath(new URL('../', import.meta.url)),
      sections,
      calls: Number(flag('calls') ?? 1000),
      runs: Number(flag('runs') ?? 5),
      guildCounts: (list('guilds') ?? ['1', '100', '2500']).map(Number),
      guildRuns: Number(flag('guild-runs') ?? 5),
      ...(list('commands') ? { commandNames: list('commands')! } : {}),
      ...(flag('profile') ? { profileDir: flag('profile')! } : {}),
    });
  }
  if (sections.has('queries')) benchQueries();
  if (sections.has('seasons')) benchSeasons();
  if (sections.has('fanout')) await runFanout();
  if (sections.has('fanout')) await (await import('./fanout-pg.js')).printFanoutPg();
  console.log(`\nload at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
};

const benchQueries = () => {
  // Warm the module graph and JIT once, then measure.
  benchImport(3);
  const imp = benchImport(30);
  console.log(`\nimport full season (read + parse + validate + SQLite insert, one transaction), 30 runs:`);
  console.log(`  p50 ${ms(imp.p50)}  p99 ${ms(imp.p99)}  max ${ms(imp.max)}  (target < 300 ms)`);

  const { db, close } = openDatabase(':memory:');
  const { season, hash } = readSeasonFile();
  importSeason(db, season, hash);
  const loads = Array.from({ length: 50 }, () => time(() => loadSeason(db)));
  const load = summarize(loads);
  console.log(`\nload season snapshot from SQLite (done once per data version), 50 runs:`);
  console.log(`  p50 ${ms(load.p50)}  p99 ${ms(load.p99)}`);

  // Warm: the bot keeps one snapshot per data version, so repeated queries hit its caches.
  // Cold: a fresh snapshot object per call, so nothing cached helps.
  const RUNS = 2000;
  const COLD_RUNS = 200;
  const snapshot = loadSeason(db);
  console.log(`\nqueries over the snapshot: warm ${RUNS} runs / cold ${COLD_RUNS} runs (target p99 < 1 ms)`);
  console.log(`  ${'query'.padEnd(28)} ${'warm p50'.padStart(10)} ${'warm p99'.padStart(10)} ${'cold p50'.padStart(10)} ${'cold p99'.padStart(10)}`);
  for (const [name, run] of Object.entries(QUERIES)) {
    for (let i = 0; i < 50; i++) run(snapshot);
    const warm = summarize(Array.from({ length: RUNS }, () => time(() => run(snapshot))));
    const cold = summarize(Array.from({ length: COLD_RUNS }, () => coldRun(snapshot, run)));
    console.log(
      `  ${name.padEnd(28)} ${ms(warm.p50).padStart(10)} ${ms(warm.p99).padStart(10)} ${ms(cold.p50).padStart(10)} ${ms(cold.p99).padStart(10)}`,
    );
  }
  close();
};

const runFanout = async () => {
  const channels = 1000;
  console.log(`\nannouncement fan-out: one round to ${channels} channels through discord.js against the stand-in (global limit 50 req/s)…`);
  const report = await benchFanout({ channels });
  console.log(`  posts ${report.posts} in ${report.seconds.toFixed(1)} s = ${report.postsPerSecond.toFixed(1)} posts/s (target ≥ 45)`);
  console.log(`  duplicates ${report.duplicates} (must be 0) · missing ${report.missing} (must be 0)`);
  console.log(`  429s answered by the stand-in: global ${report.rateLimited.global}, per route ${report.rateLimited.route}`);
  console.log(`  outbox after the run: ${JSON.stringify(report.outbox)} · RSS ${report.rssMb.toFixed(0)} MB`);
};

await main();
