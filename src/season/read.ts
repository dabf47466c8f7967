// Reads the season file from disk: bytes → sha256 → JSON → parseSeason.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Season } from '../domain/types.js';
import { fromPackageRoot } from '../package-root.js';
import { parseSeason, SeasonFileError } from './parse.js';

/** data/seasons/ at the package root (from src/ or dist/ alike): the bot loads every season file there. */
export const SEASONS_FOLDER = fromPackageRoot('data', 'seasons');

/** The Confederation Cup 2023–24, the season tools fall back on when given no file (CLI validate, tests). */
export const DEFAULT_SEASON_FILE = join(SEASONS_FOLDER, 'caf-cc-2023-24.json');

/** Not a season: the starting point for a new season file, copied and edited. */
const NOT_SEASONS = new Set(['template.json']);

/**
 * Every `*.json` season file in a folder, in name order, except that the Confederation Cup 2023–24
 * (DEFAULT_SEASON_FILE) comes first when there: the first is the default season of the CLI and of
 * callers written for one season, and a newly shipped file that sorts before it by name
 * (`caf-afl-2023.json`) must not change that.
 */
export function seasonFilesIn(folder: string = SEASONS_FOLDER): string[] {
  const files = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && !NOT_SEASONS.has(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort();
  const main = files.indexOf(DEFAULT_SEASON_FILE);
  return main <= 0 ? files : [DEFAULT_SEASON_FILE, ...files.slice(0, main), ...files.slice(main + 1)];
}

/**
 * The season id a file claims, read without validating it: how an invalid file still names the
 * season whose last good import stays in service. Null when the file is unreadable or names none.
 */
export function claimedSeasonId(path: string): string | null {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown;
    const id = typeof json === 'object' && json !== null && 'id' in json ? (json as { id: unknown }).id : null;
    return typeof id === 'string' && id.trim() !== '' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Reads and validates a season file. `hash` is the sha256 (hex) of the file's bytes, so an importer
 * can tell whether the file changed since the last import. Throws `SeasonFileError` naming the file
 * when it cannot be read, is not JSON, or breaks the format.
 */
export function readSeasonFile(path: string = DEFAULT_SEASON_FILE): { season: Season; hash: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new SeasonFileError(path, [{ path: '$', message: `cannot read the file: ${errorMessage(err)}` }]);
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  // Editors on Windows may prepend a byte-order mark; JSON.parse rejects it.
  const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (err) {
    throw new SeasonFileError(path, [{ path: '$', message: `invalid JSON: ${describeJsonError(err, source)}` }]);
  }
  return { season: parseSeason(json, path).season, hash };
}

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** V8 reports a character offset; people need a line and column. */
function describeJsonError(err: unknown, source: string): string {
  const message = errorMessage(err);
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset === undefined) return message;
  const before = source.slice(0, Number(offset));
  const line = before.split('\n').length;
  const column = Number(offset) - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}
