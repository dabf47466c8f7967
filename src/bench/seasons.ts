// `npm run bench -- --only seasons`: what several seasons cost. Import time per shipped season file
// (read + parse + validate + SQLite insert) and per Football.TXT source (parse + map clubs + build and
// validate the season), each as a ratio to the Confederation Cup 2023–24's; then the queries a reply
// makes with every shipped season loaded, as ratios to the same queries with that one season loaded.
// Prints numbers, asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkClubs } from '../clubs/schema.js';
import { openDatabase } from '../db/client.js';
import { importSeason } from '../db/import.js';
import { loadSeason } from '../db/season-repo.js';
import { teamSeasonRecord } from '../discord/render/team-seasons.js';
import { seasonAsOf } from '../domain/as-of.js';
import type { CatalogEntry } from '../domain/catalog.js';
import { defaultSeasonId } from '../domain/default-season.js';
import { selectFixtures } from '../domain/fixtures.js';
import { resolveTeam } from '../domain/names.js';
import { computeRankingAcross } from '../domain/ranking-across.js';
import { seasonStatus } from '../domain/season-status.js';
import { computeGroupTables } from '../domain/standings.js';
import type { Season } from '../domain/types.js';
import { parseFootballTxt } from '../football-txt/index.js';
import { importSeason as importFootballTxt } from '../import/season.js';
import { fromPackageRoot } from '../package-root.js';
import { readSeasonFile, seasonFilesIn } from '../season/read.js';

const REFERENCE_ID = 'caf-cc-2023-24';

const time = (fn: () => unknown): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const median = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const medianOf = (runs: number, fn: () => unknown): number => median(Array.from({ length: runs }, () => time(fn)));
const ms = (n: number): string => `${n.toFixed(3)} ms`;
const ratio = (n: number, reference: number): string => `×${(n / reference).toFixed(2)}`;

/** The openfootball sources of the shipped seasons, as `npm run data:import` reads them (README §6). */
const FOOTBALL_TXT: readonly { id: string; file: string; competition: string; label: string; groups?: string }[] = [
  { id: 'caf-cl-2023-24', file: 'cl-2023-24.txt', competition: 'CAF Champions League', label: '2023-24', groups: 'cl-2023-24-groups.json' },
  { id: 'caf-cl-2024-25', file: 'cl-2024-25.txt', competition: 'CAF Champions League', label: '2024-25' },
  { id: 'caf-afl-2023', file: 'afl-2023.txt', competition: 'African Football League', label: '2023' },
];

/** Median time of reading and importing one file into a fresh migrated database (opening it is not timed). */
const importTime = (file: string, runs: number): number => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { db, close } = openDatabase(':memory:');
    samples.push(
      time(() => {
        const { season, hash } = readSeasonFile(file);
        importSeason(db, season, hash);
      }),
    );
    close();
  }
  return median(samples);
};

const benchFileImports = (files: readonly string[]): void => {
  const rows = files.map((file) => {
    importTime(file, 1);
    const season = readSeasonFile(file).season;
    return { id: season.id, matches: season.matches.length, p50: importTime(file, 15) };
  });
  const reference = rows.find((r) => r.id === REFERENCE_ID)?.p50 ?? rows[0]?.p50 ?? Number.NaN;
  console.log(`\nimport per shipped season file (read + parse + validate + SQLite insert, one transaction; opening the database not timed), median of 15:`);
  for (const row of rows) console.log(`  ${row.id.padEnd(22)} ${String(row.matches).padStart(4)} matches  ${ms(row.p50).padStart(11)}  ${ratio(row.p50, reference)} of ${REFERENCE_ID}`);
};

const benchFootballTxt = (reference: number): void => {
  const folder = fromPackageRoot('test', 'fixtures', 'openfootball');
  const clubsChecked = checkClubs(JSON.parse(readFileSync(fromPackageRoot('data', 'clubs.json'), 'utf8')));
  if (!clubsChecked.ok || !existsSync(folder)) {
    console.log('\nFootball.TXT import: skipped (needs test/fixtures/openfootball/ and a valid data/clubs.json)');
    return;
  }
  console.log(`\nFootball.TXT → season file (parse + map clubs + build + validate; no SQLite), median of 15, ratio to the ${REFERENCE_ID} file import:`);
  for (const source of FOOTBALL_TXT) {
    const text = readFileSync(`${folder}/${source.file}`, 'utf8');
    const groups = source.groups === undefined ? undefined : (JSON.parse(readFileSync(`${folder}/${source.groups}`, 'utf8')) as { groups: Record<string, string[]> });
    const run = () => {
      const parsed = parseFootballTxt(text, { fileName: source.file, seasonLabel: source.label, ...(groups ? { groups: { groups: groups.groups } } : {}) });
      if (!parsed.ok) throw new Error(`${source.file}: ${parsed.errors[0]?.message ?? 'unreadable'}`);
      const result = importFootballTxt(parsed.season, clubsChecked.file, {
        id: source.id,
        competition: source.competition,
        label: source.label,
        fileName: basename(source.file),
        source: source.file,
        asOf: '2024-10-05',
        groupsSources: [],
      });
      if (!result.ok) throw new Error(`${source.file}: ${result.problems[0] ?? 'cannot import'}`);
    };
    try {
      run();
    } catch (err) {
      console.log(`  ${source.file.padEnd(22)} cannot import: ${(err as Error).message}`);
      continue;
    }
    const p50 = medianOf(15, run);
    console.log(`  ${source.file.padEnd(22)} ${ms(p50).padStart(11)}  ${ratio(p50, reference)}`);
  }
};

/** What a reply computes across the loaded seasons, for a list of them (newest first) on one clock. */
const queries = (seasons: readonly Season[], now: Date): Record<string, () => unknown> => {
  const entries: CatalogEntry[] = seasons.map((s) => ({ id: s.id, competition: s.competition, label: s.label, updatedAt: null }));
  const byId = new Map(seasons.map((s) => [s.id, s] as const));
  const reference = byId.get(REFERENCE_ID) ?? seasons[0];
  if (reference === undefined) throw new Error('no season loaded');
  return {
    'default season (every status)': () => defaultSeasonId(entries, (e) => seasonStatus(byId.get(e.id) ?? reference, now)),
    'season as of now (each)': () => seasons.map((s) => seasonAsOf(s, now)),
    'team autocomplete (all clubs)': () => new Map(seasons.flatMap((s) => s.teams.map((t) => [t.id, t] as const))).size,
    '/team across seasons': () => {
      const club = resolveTeam(reference.teams, 'sagrada');
      return seasons.filter((s) => s.teams.some((t) => t.id === club.id)).map((season) => teamSeasonRecord({ season, team: club.id }));
    },
    'rankings across seasons': () => computeRankingAcross(seasons),
    'standings (default season)': () => computeGroupTables(reference),
    'fixtures (default season)': () => selectFixtures(reference),
  };
};

const benchAllLoaded = (files: readonly string[]): void => {
  const { db, close } = openDatabase(':memory:');
  for (const file of files) {
    const { season, hash } = readSeasonFile(file);
    importSeason(db, season, hash);
  }
  const all = files.map((file) => loadSeason(db, readSeasonFile(file).season.id)).sort((a, b) => b.label.localeCompare(a.label));
  const single = all.filter((s) => s.id === REFERENCE_ID);
  const loadAll = medianOf(20, () => all.map((s) => loadSeason(db, s.id)));
  const loadOne = medianOf(20, () => loadSeason(db, REFERENCE_ID));
  close();
  const now = new Date();
  console.log(`\nwith all ${all.length} shipped seasons loaded vs ${REFERENCE_ID} alone (${all.map((s) => s.id).join(', ')}), median of 500 warm calls:`);
  console.log(`  ${'query'.padEnd(32)} ${'one season'.padStart(11)} ${'all seasons'.padStart(12)}  ratio`);
  console.log(`  ${'load snapshots from SQLite'.padEnd(32)} ${ms(loadOne).padStart(11)} ${ms(loadAll).padStart(12)}  ${ratio(loadAll, loadOne)}`);
  const one = queries(single, now);
  const many = queries(all, now);
  for (const [name, run] of Object.entries(one)) {
    const other = many[name];
    if (other === undefined) continue;
    for (let i = 0; i < 50; i++) (run(), other());
    const a = medianOf(500, run);
    const b = medianOf(500, other);
    console.log(`  ${name.padEnd(32)} ${ms(a).padStart(11)} ${ms(b).padStart(12)}  ${ratio(b, a)}`);
  }
};

export const benchSeasons = (): void => {
  const files = seasonFilesIn();
  benchFileImports(files);
  const reference = importTime(files.find((f) => f.endsWith(`${REFERENCE_ID}.json`)) ?? files[0] ?? '', 15);
  benchFootballTxt(reference);
  benchAllLoaded(files);
};
