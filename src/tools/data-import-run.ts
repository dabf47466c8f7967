import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkClubs, type Club, type ClubsFile } from '../clubs/schema.js';
import { parseFootballTxt, type GroupsInput } from '../football-txt/index.js';
import { importSeason } from '../import/season.js';
import { fromPackageRoot } from '../package-root.js';
import { parseSeason, SeasonFileError } from '../season/parse.js';

// `npm run data:import -- <file.txt> --id <season-id> --competition "<name>" --label 2023-24
//   [--groups groups.json] [--matchdays m.json] [--out data/seasons/<id>.json] [--source <url>]
//   [--as-of YYYY-MM-DD] [--clubs data/clubs.json] [--write-clubs]`
// Reads a Football.TXT file, maps its clubs through data/clubs.json and writes a season file in the
// current schema, validated before anything is written. Exit 0 written, 1 invalid data, 2 usage.

const USAGE = `Usage: npm run data:import -- <file.txt> --id <season-id> --competition "<name>" --label <2023-24>
       [--groups groups.json] [--matchdays matchdays.json] [--out data/seasons/<id>.json]
       [--source <citation URL>] [--as-of YYYY-MM-DD] [--clubs data/clubs.json] [--write-clubs]

  --groups      group letters when the file's group round names none: {"groups": {"A": [names as printed]}, "sources": [...]}
                (not needed for a league phase: a group round with no letter whose fixtures form one pool is
                read as one unnamed group, shown without a letter)
  --matchdays   {"Home v Away": n} for group matches whose two teams' match counts disagree
  --source      what every record cites (default: the file's name); for openfootball, the file's URL at its commit
  --write-clubs add the clubs the file names that data/clubs.json does not know (else they are only listed)`;

class UsageError extends Error {}
class DataError extends Error {}

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(`Cannot read the ${what} ${path}: ${(err as Error).message}`);
  }
};
const readJson = (path: string, what: string): unknown => {
  const text = readText(path, what);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DataError(`The ${what} ${path} is not JSON: ${(err as Error).message}`);
  }
};

/** Written next to the target, then renamed: a reader never sees half a file. */
const writeAtomically = (path: string, text: string): void => {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
};

const groupsOf = (json: unknown, path: string): { groups: GroupsInput; sources: string[] } => {
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const groups = record.groups;
  const valid =
    typeof groups === 'object' && groups !== null && !Array.isArray(groups) && Object.values(groups).every((g) => Array.isArray(g) && g.every((t) => typeof t === 'string'));
  if (!valid) throw new DataError(`The groups file ${path} needs {"groups": {"A": ["Team", ...], ...}}`);
  const sources = Array.isArray(record.sources) ? record.sources.filter((s): s is string => typeof s === 'string') : [];
  return { groups: { groups: groups as GroupsInput['groups'] }, sources };
};

const matchdaysOf = (json: unknown, path: string): Record<string, number> => {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Object.values(json).every((v) => Number.isInteger(v))) {
    throw new DataError(`The matchdays file ${path} needs {"Home v Away": matchday, ...}`);
  }
  return json as Record<string, number>;
};

/** Where a run writes its output: the process's streams in data-import.ts, buffers in tests. */
export interface DataImportIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const run = (argv: readonly string[], io: DataImportIo): number => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        competition: { type: 'string' },
        label: { type: 'string' },
        groups: { type: 'string' },
        matchdays: { type: 'string' },
        out: { type: 'string' },
        source: { type: 'string' },
        'as-of': { type: 'string' },
        clubs: { type: 'string' },
        'write-clubs': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [input, ...extra] = positionals;
  if (input === undefined) throw new UsageError('Name the Football.TXT file to import.');
  if (extra.length > 0) throw new UsageError(`One file at a time (also given: ${extra.join(', ')}).`);
  const { id, competition, label } = values;
  const missing = [id === undefined ? '--id' : null, competition === undefined ? '--competition' : null, label === undefined ? '--label' : null].filter(Boolean);
  if (id === undefined || competition === undefined || label === undefined) throw new UsageError(`Missing ${missing.join(', ')}.`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new UsageError(`--id "${id}" must be a slug like caf-cl-2023-24.`);
  const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of "${asOf}" must be a date written YYYY-MM-DD.`);
  const out = values.out ?? fromPackageRoot('data', 'seasons', `${id}.json`);
  const clubsPath = values.clubs ?? fromPackageRoot('data', 'clubs.json');
  const fileName = basename(input);

  const text = readText(input, 'Football.TXT file');
  const groups = values.groups === undefined ? null : groupsOf(readJson(values.groups, 'groups file'), values.groups);
  const matchdays = values.matchdays === undefined ? null : matchdaysOf(readJson(values.matchdays, 'matchdays file'), values.matchdays);
  const clubsChecked = checkClubs(readJson(clubsPath, 'clubs file'));
  if (!clubsChecked.ok) throw new DataError(`${clubsPath} has ${clubsChecked.problems.length} problem(s):\n${clubsChecked.problems.map((p) => `  - ${p}`).join('\n')}`);
  const clubs = clubsChecked.file;

  const result = parseFootballTxt(text, { fileName: input, seasonLabel: label, ...(groups ? { groups: groups.groups } : {}), ...(matchdays ? { matchdays } : {}) });
  if (!result.ok) {
    const lines = result.errors.map((e) =>
      [`${e.file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`, e.text === null ? null : `    ${e.text}`, e.expected === null ? null : `    expected: ${e.expected}`].filter(Boolean).join('\n'),
    );
    throw new DataError(`${input} could not be imported (${result.errors.length} problem(s)); nothing was written.\n${lines.join('\n')}`);
  }
  const season = result.season;
  const source = values.source ?? `${fileName} (Football.TXT${season.title ? `, "${season.title}"` : ''})`;
  const imported = importSeason(season, clubs, { id, competition, label, fileName, source, asOf, groupsSources: groups?.sources ?? [] });
  if (!imported.ok) throw new DataError(`${imported.problems.join('\n')}\nNothing was written.`);
  const { file, clubs: mapped, newClubs } = imported.value;

  // The file as written is read back by the validator the bot uses before it replaces anything.
  const json = `${JSON.stringify(file, null, 2)}\n`;
  try {
    parseSeason(JSON.parse(json), out);
  } catch (err) {
    if (err instanceof SeasonFileError) throw new DataError(`${err.message}\nNothing was written.`);
    throw err;
  }
  writeAtomically(out, json);
  if (values['write-clubs'] && newClubs.length > 0) {
    const next: ClubsFile = { ...clubs, clubs: [...clubs.clubs, ...newClubs] };
    const again = checkClubs(next);
    if (!again.ok) throw new DataError(`Adding the new clubs would break ${clubsPath}:\n${again.problems.join('\n')}`);
    writeAtomically(clubsPath, `${JSON.stringify(next, null, 2)}\n`);
  }
  io.stdout.write(`${summary(season, file, mapped, newClubs, out, clubsPath, values['write-clubs'], values.source === undefined)}\n`);
  return 0;
};

const summary = (
  season: Extract<ReturnType<typeof parseFootballTxt>, { ok: true }>['season'],
  file: { matches: readonly unknown[]; champion?: string | null },
  mapped: readonly { printed: { name: string; code: string | null }; club: Club; isNew: boolean; sameNameElsewhere: readonly Club[] }[],
  newClubs: readonly Club[],
  out: string,
  clubsPath: string,
  wroteClubs: boolean,
  noSource: boolean,
): string => {
  const s = season.summary;
  const renamed = mapped.filter((m) => !m.isNew && m.club.name !== m.printed.name);
  const lines = [
    `Wrote ${out}.`,
    `Found: ${s.clubs} clubs (${s.clubs - newClubs.length} in ${basename(clubsPath)}, ${newClubs.length} new), ${s.matches} matches (${s.played} played, ${s.awarded} awarded, ${s.withoutResult} without a result), ${s.groups} groups, ${s.rounds} rounds, ${s.goals} goals.`,
    `Rounds: ${season.rounds.map((r) => r.name).join(', ')}. Champion: ${file.champion ?? 'not decided'}.`,
    ...renamed.map((m) => `  ${m.printed.name} (${m.printed.code ?? '?'}) is ${m.club.name} (${m.club.id})`),
    newClubs.length === 0 ? null : `New clubs${wroteClubs ? ` (added to ${clubsPath})` : ` (not in ${clubsPath}; rerun with --write-clubs to add them)`}:`,
    ...mapped
      .filter((m) => m.isNew)
      .map((m) => `  ${m.club.name} (${m.club.association}) → ${m.club.id}${m.sameNameElsewhere.length ? `; not ${m.sameNameElsewhere.map((c) => `${c.name} (${c.association})`).join(', ')}: another association` : ''}`),
    'The format did not give:',
    `  scorers for ${s.missing.scorers} played match(es) with goals${s.missing.scorerMismatches.length ? ` (scorers not adding up on lines ${s.missing.scorerMismatches.join(', ')})` : ''}`,
    `  venues for ${s.missing.venues} match(es)`,
    `  kickoff times: ${s.missing.kickoffTimes} match(es) without one, ${s.missing.timeZones} printed with no time zone (kickoff null, the local time kept in the match note)`,
    `  half-time scores for ${s.missing.halfTimes} match(es) (the others are in the match notes)`,
    '  draw dates, association ranks and points, how clubs qualified, referees, attendances, sendings-off (null, listed in gaps)',
    noSource ? 'No --source given: every record cites the file name only; pass the file\'s URL at its commit.' : null,
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
};

/** One run of `npm run data:import`; returns the exit code. Tests call it in-process. */
export const runDataImport = (argv: readonly string[], io: DataImportIo): number => {
  try {
    return run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof DataError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
};

