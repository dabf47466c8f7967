import { parseArgs } from 'node:util';
import { ConfigError, loadDataConfig } from '../config.js';
import { isUserError, UserError } from '../domain/errors.js';
import { SeasonFileError } from '../season/parse.js';
import { seasonFilesIn } from '../season/read.js';
import { openSeasonStore, readSeasonReadOnly, readSeasonsReadOnly, UnknownSeasonError } from '../season-store.js';
import { QUERIES, runValidate } from './queries.js';
import { seasonHeader, seasonsQuery } from './seasons.js';

// `npm run cli -- <query> [options] [--json]`. Exit codes: 0 ok, 1 invalid season file or failed
// migration, 2 bad input. Queries write nothing: only `migrate` opens the database for writing.

const USAGE = `Usage: npm run cli -- <query> [options] [--json]

Queries:
  teams                                   every entrant
  team <name>                             one team and its matches
  fixtures [--team] [--stage] [--group] [--matchday] [--from] [--to]
  standings [--group X]                   group tables with CAF tiebreakers
  ties [--round <stage>]                  a round's ties (a stage code of the season's format: first_round, final, …)
  scorers [--team] [--stage proper|qualifying|group|…] [--limit N]
  stats                                   matches and goals per stage, reconciled with the printed totals
  ranking                                 CAF 5-year association ranking, this season's points, and every loaded season's (acrossSeasons)
  schedule                                the season calendar
  seasons                                 every loaded season: status, matches, last result
  validate [file]                         check a season file, or every one the bot loads (exit 0 valid, 1 invalid)
  migrate                                 create or migrate the database and import the season file,
                                          as the bot does at start (the only command that writes)

Queries read the database read-only when it is migrated and holds the current season file;
otherwise they read the season file in memory. They never create, migrate or import.

Options: --json for machine output (with a top-level "season"); --db PATH (default DATABASE_PATH or
data/bot.sqlite); --season ID: a loaded season (default: the first of SEASON_FILES, else of data/seasons/);
--file PATH (or its older name --season-file PATH): query that season file in memory, no database`;

/** Where a run of the CLI reads its environment and writes its output: the process's own in main.ts. */
export interface CliIo {
  /** Parsed by config.ts; undefined: the process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** One run of the CLI; returns the exit code. Tests call it in-process (test/cli/cli.test.ts). */
export const runCli = (argv: readonly string[], io: CliIo): number => {
  const fail = (message: string): number => failWith(io, message);
  const failData = (message: string): number => failDataWith(io, message);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        db: { type: 'string' },
        'season-file': { type: 'string' },
        file: { type: 'string' },
        season: { type: 'string' },
        team: { type: 'string' },
        stage: { type: 'string' },
        group: { type: 'string' },
        matchday: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        round: { type: 'string' },
        limit: { type: 'string' },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [query, ...args] = positionals;
  if (values.help || query === undefined) {
    (values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  let config;
  try {
    config = io.env === undefined ? loadDataConfig() : loadDataConfig(io.env);
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  // --file is the name the issue asks for; --season-file stays as its alias.
  if (values.file !== undefined && values['season-file'] !== undefined && values.file !== values['season-file']) {
    return fail(`--file and --season-file name two different files; give one.\n\n${USAGE}`);
  }
  const file = values.file ?? values['season-file'] ?? null;
  if (file !== null && values.season !== undefined) {
    return fail(`--file reads one season file and --season picks a loaded season; give one.\n\n${USAGE}`);
  }
  for (const warning of config.warnings) io.stderr.write(`Warning: ${warning}\n`);
  const seasonFiles = file === null ? config.seasonFiles : [file];

  if (query === 'validate') {
    const named = args[0] ?? file;
    if (named === null || named === undefined) return validateAll(io, config.seasonFiles ?? seasonFilesIn(), values.json);
    const result = runValidate(named);
    if (values.json) io.stdout.write(`${JSON.stringify(result.json)}\n`);
    else (result.ok ? io.stdout : io.stderr).write(`${result.text}\n`);
    return result.ok ? 0 : 1;
  }

  const databasePath = values.db ?? config.databasePath;
  if (query === 'migrate') return migrate(io, databasePath, seasonFiles);
  // --file is read in memory: the database is not consulted.
  const readFrom = file === null ? databasePath : ':memory:';

  if (query === 'seasons') {
    const { seasons, errors } = readSeasonsReadOnly({ databasePath: readFrom, seasonFiles });
    for (const error of errors) io.stderr.write(`Note: ${error.message}\n`);
    for (const reading of seasons) if (reading.note !== null) io.stderr.write(`Note: ${reading.note}\n`);
    const output = seasonsQuery(seasons, new Date());
    io.stdout.write(values.json ? `${JSON.stringify(output.json)}\n` : `${output.text}\n`);
    return seasons.length === 0 && errors.length > 0 ? 1 : 0;
  }

  // The query name is user input: only the table's own entries, never Object.prototype's.
  const run = Object.hasOwn(QUERIES, query) ? QUERIES[query] : undefined;
  if (!run) return fail(`Unknown query "${query}".\n\n${USAGE}`);

  let reading;
  try {
    reading = readSeasonReadOnly({ databasePath: readFrom, seasonFiles, seasonId: values.season ?? null });
  } catch (err) {
    if (err instanceof SeasonFileError) return failData(err.message);
    if (err instanceof UnknownSeasonError) return fail(err.message);
    throw err;
  }
  if (reading.note !== null) io.stderr.write(`Note: ${reading.note}\n`);
  try {
    // `ranking` also counts every loaded season (its view across seasons); the others read one.
    const loadedSeasons = query === 'ranking'
      ? readSeasonsReadOnly({ databasePath: readFrom, seasonFiles }).seasons.map((loaded) => loaded.season)
      : undefined;
    const output = run(reading.season, { ...values, args, loadedSeasons });
    const json = typeof output.json === 'object' && output.json !== null ? { season: seasonHeader(reading), ...output.json } : output.json;
    io.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${output.text}\n`);
    return 0;
  } catch (err) {
    if (isUserError(err)) return fail(describeUserError(err));
    throw err;
  }
};

/** `validate` with no file: every season file the bot would load (exit 1 when any is invalid). */
const validateAll = (io: CliIo, files: readonly string[], json: boolean): number => {
  const results = files.map((path) => ({ file: path, ...runValidate(path) }));
  const ok = results.every((r) => r.ok);
  if (json) {
    const entries = results.map((r) => ({ file: r.file, ...(r.json as { valid: boolean; problems: unknown[] }) }));
    io.stdout.write(`${JSON.stringify({ valid: ok, files: entries })}\n`);
  } else for (const r of results) (r.ok ? io.stdout : io.stderr).write(`${r.text}\n`);
  return ok ? 0 : 1;
};

/** `migrate`: what the bot does at start (lock, back up, migrate, import), on purpose and once. */
const migrate = (io: CliIo, databasePath: string, seasonFiles: readonly string[] | null): number => {
  let store;
  try {
    store = openSeasonStore({ databasePath, seasonFiles });
  } catch (err) {
    return failDataWith(io, `Could not migrate ${databasePath}: ${(err as Error).message}`);
  }
  try {
    const schema = store.migrated.length > 0 ? `applied ${store.migrated.join(', ')}` : 'schema already up to date';
    const seasons = store.catalog().list().map((entry) => entry.id).join(', ');
    const data = store.fileProblem !== null
      ? `a season file is invalid, its season keeps the data imported before:\n${store.fileProblems.map((p) => p.message).join('\n')}`
      : `${store.imported ? 'season files imported' : 'season data already current'} (${seasons})`;
    io.stdout.write(`${databasePath}: ${schema}; ${data}.\n`);
    return store.fileProblem === null ? 0 : 1;
  } finally {
    store.close();
  }
};

const describeUserError = (err: UserError): string =>
  err.suggestions.length > 0 ? `${err.message}\nDid you mean: ${err.suggestions.join(', ')}?` : err.message;

const failWith = (io: CliIo, message: string): number => {
  io.stderr.write(`${message}\n`);
  return 2;
};

/** The data, not the command line, is wrong (an invalid season file, a failed migration): exit 1. */
const failDataWith = (io: CliIo, message: string): number => {
  io.stderr.write(`${message}\n`);
  return 1;
};

