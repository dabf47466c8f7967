// Two real seasons side by side, as the data layer will serve them: the 2023–24 CAF Confederation Cup
// (the bot's season file) and the 2023–24 CAF Champions League (imported from openfootball).
import { existsSync } from 'node:fs';
import type { CatalogEntry, SeasonCatalog } from '../../../src/domain/catalog.js';
import type { Season } from '../../../src/domain/types.js';
import { fromPackageRoot } from '../../../src/package-root.js';
import { readSeasonFile } from '../../../src/season/read.js';

const seasonFile = (...candidates: string[][]): string => {
  const found = candidates.map((parts) => fromPackageRoot(...parts)).find((path) => existsSync(path));
  if (found === undefined) throw new Error(`no season file at ${candidates.map((c) => c.join('/')).join(' or ')}`);
  return found;
};

export const confederationCup: Season = readSeasonFile(
  seasonFile(['data', 'seasons', 'caf-cc-2023-24.json'], ['data', 'season-2023-24.json']),
).season;
export const championsLeague: Season = readSeasonFile(seasonFile(['data', 'seasons', 'caf-cl-2023-24.json'])).season;

const entryOf = (season: Season): CatalogEntry => ({ id: season.id, competition: season.competition, label: '2023-24', updatedAt: null });

/** A catalog over the given seasons, in the order given (the catalog's newest first). */
export const catalogOf = (...seasons: readonly Season[]): SeasonCatalog => {
  const entries = seasons.map(entryOf);
  return { list: () => entries, get: (id) => seasons.find((s) => s.id === id) };
};
