// Reads the season file from disk: bytes → sha256 → JSON → parseSeason.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Season } from '../domain/types.js';
import { fromPackageRoot } from '../package-root.js';
import { parseSeason, SeasonFileError } from './parse.js';

/** data/season-2023-24.json at the package root (from src/ or dist/ alike), from any working directory. */
export const DEFAULT_SEASON_FILE = fromPackageRoot('data', 'season-2023-24.json');

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
