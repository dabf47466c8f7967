import type { Season } from './types.js';

// Several seasons at once (CAF Confederation Cup 2023–24, Champions League 2023–24, …). The data
// layer loads them; commands, announcements and the CLI choose among them through this shape only.

export const SEASON_STATUSES = ['upcoming', 'in_progress', 'finished', 'stale'] as const;
/**
 * `upcoming` before the first match; `in_progress` from the first match until the final is decided,
 * while the last result is no older than the season's staleAfter (default 21 days); `finished` once
 * the final is decided or the season's end date passed; `stale` otherwise (the data stopped).
 */
export type SeasonStatus = (typeof SEASON_STATUSES)[number];

export interface CatalogEntry {
  /** Stable id, e.g. `caf-cc-2023-24`. */
  readonly id: string;
  /** The competition's name, e.g. `CAF Champions League`. */
  readonly competition: string;
  /** The season's label, e.g. `2023-24` (or `2023` for a one-year competition). */
  readonly label: string;
  /** When the season's data last changed in the bot (import or source update); null when unknown. */
  readonly updatedAt: Date | null;
}

export interface SeasonCatalog {
  /** Every loaded season, newest first. */
  readonly list: () => readonly CatalogEntry[];
  /** The full season snapshot (not cut to the clock); undefined when no season has this id. */
  readonly get: (id: string) => Season | undefined;
}
