import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadDataConfig } from '../config.js';
import type { Season } from '../domain/types.js';
import { parseSeason, SeasonFileError } from '../season/parse.js';
import { seasonToFile, type FileExtras } from '../season/write.js';
import { openPgDatabase } from '../db/pg/client.js';
import { pgSeasonData } from '../db/pg/store.js';
import { claimedSeasonId } from '../season/read.js';
import { configuredSeasonFiles, readSeasonsReadOnly, type SeasonReading } from '../season-store.js';

// `npm run data:export -- <season-id> [--out file.json] [--db PATH]`: a loaded season (as the
// database holds it, corrections and source updates included; else its file) written back as a
// season file, checked by the same validator before anything is written. Exit 0 written, 1 invalid
// data, 2 usage. Without --out the JSON goes to stdout. With DATABASE_URL (and no --db) the season is
// read from PostgreSQL as the bot holds it there.

const USAGE = `Usage: npm run data:export -- <season-id> [--out data/seasons/<id>.json] [--db PATH]`;

const main = async (argv: readonly string[]): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { out: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    return fail(2, `${(err as Error).message}\n\n${USAGE}`);
  }
  const [seasonId, ...rest] = parsed.positionals;
  if (parsed.values.help === true) return process.stdout.write(`${USAGE}\n`), 0;
  if (seasonId === undefined || rest.length > 0) return fail(2, USAGE);
  let config;
  try {
    config = loadDataConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(2, err.message);
    throw err;
  }
  const found =
    config.databaseUrl !== null && parsed.values.db === undefined
      ? await readFromPostgres(config.databaseUrl, seasonId, config.seasonFiles)
      : readFromSqlite(parsed.values.db ?? config.databasePath, seasonId, config.seasonFiles);
  if (typeof found === 'string') return fail(2, found);
  const reading = found;
  if (reading.note !== null) process.stderr.write(`Note: ${reading.note}\n`);
  const file = seasonToFile(reading.season, extrasFrom(reading.file));
  // The same validator the bot uses; and it must read back as the season it was made from.
  let back: Season;
  try {
    back = parseSeason(JSON.parse(JSON.stringify(file)), parsed.values.out ?? `${seasonId}.json`).season;
  } catch (err) {
    if (err instanceof SeasonFileError) return fail(1, `The exported season is invalid:\n${err.message}`);
    throw err;
  }
  if (JSON.stringify(back) !== JSON.stringify(reading.season)) return fail(1, `The exported season ${seasonId} would not read back as it is loaded; nothing written.`);
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (parsed.values.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  writeAtomically(parsed.values.out, text);
  process.stderr.write(`${seasonId}: ${reading.season.teams.length} teams, ${reading.season.matches.length} matches written to ${parsed.values.out} (from the ${reading.source}).\n`);
  return 0;
};

type Found = Pick<SeasonReading, 'season' | 'file' | 'source' | 'note'> | string;

/** The season as the SQLite database (or else its file) holds it; a message when it is not loaded. */
const readFromSqlite = (databasePath: string, seasonId: string, seasonFiles: readonly string[] | null): Found => {
  const { seasons, errors } = readSeasonsReadOnly({ databasePath, seasonFiles });
  const reading = seasons.find((r) => r.season.id === seasonId);
  if (reading !== undefined) return reading;
  const known = seasons.map((r) => r.season.id);
  const unreadable = errors.length > 0 ? ` (${errors.length} season file(s) could not be read)` : '';
  return `No season ${seasonId} is loaded. Loaded seasons: ${known.join(', ') || 'none'}${unreadable}.`;
};

/** The season as PostgreSQL holds it (the bot imported it); only reads. */
const readFromPostgres = async (url: string, seasonId: string, seasonFiles: readonly string[] | null): Promise<Found> => {
  const opened = openPgDatabase(url, { max: 1, applicationName: 'caf-confed-bot data:export' });
  try {
    const data = pgSeasonData(opened.db);
    const stored = await data.storedSeasons();
    if (!stored.some((s) => s.id === seasonId)) return `No season ${seasonId} is stored in the database. Stored seasons: ${stored.map((s) => s.id).join(', ') || 'none'}.`;
    const file = configuredSeasonFiles({ seasonFiles }).find((f) => claimedSeasonId(f) === seasonId) ?? `${seasonId}.json`;
    return { season: await data.loadSeason(seasonId), file, source: 'database', note: null };
  } finally {
    await opened.close();
  }
};

/** The file's own text that the domain does not hold: $comment, about, group notes and sources, source. */
const extrasFrom = (path: string): FileExtras => {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const text = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
    const groups = Array.isArray(json.groups)
      ? (json.groups as { id?: unknown; note?: unknown; sources?: unknown }[])
          .filter((g) => typeof g.id === 'string' && Array.isArray(g.sources))
          .map((g) => ({ id: g.id as string, note: typeof g.note === 'string' ? g.note : null, sources: (g.sources as unknown[]).filter((s): s is string => typeof s === 'string') }))
      : undefined;
    const comment = text('$comment');
    const about = text('about');
    return { ...(comment === undefined ? {} : { $comment: comment }), ...(about === undefined ? {} : { about }), ...(groups === undefined ? {} : { groups }), source: json.source ?? null };
  } catch {
    return {};
  }
};

/** Written next to the target, then renamed: a reader never sees half a file. */
const writeAtomically = (path: string, text: string): void => {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
};

const fail = (code: number, message: string): number => {
  process.stderr.write(`${message}\n`);
  return code;
};

process.exitCode = await main(process.argv.slice(2));
