// Editors' corrections on top of a season's source. A source keeps a season current, but an editor
// may know better (a kickoff moved late, a result the file got wrong): each correction is stored as
// an override of one field of one match, tied to the journal entry that recorded it, and every
// import applies the overrides on top of the file. When the source says something else than an
// override, the override wins and the disagreement is returned, for editors to settle.
//
// Storage (not built yet; the live-season issue adds the commands that write overrides), one table
// per dialect, in a migration of its own:
//   season_overrides(id PK, season_id → seasons.id, match_id TEXT (no FK: an override may outlive
//     the match in the source, and is then reported as an orphan), field TEXT (one of
//     OVERRIDABLE_FIELDS), value_json TEXT (read back through the season file's zod schema of that
//     field), journal_id → the editors' journal, created_at, retired_at NULL)
//   index (season_id, match_id, field); the live rows (retired_at IS NULL) in id order are the
//   `overrides` list below, so the latest correction of a field wins.
// Conflicts need no table of their own: they are recomputed at every import and logged once.
import type { Match, Season } from './types.js';

/** The fields of a match an editor may override, with the value each one holds (the match's own types). */
export type OverridableFields = Pick<
  Match,
  'status' | 'date' | 'kickoff' | 'venue' | 'score' | 'extraTime' | 'penalties' | 'decision' | 'goals' | 'referee' | 'attendance' | 'redCards'
>;
export type OverridableField = keyof OverridableFields;

export const OVERRIDABLE_FIELDS: readonly OverridableField[] = [
  'status',
  'date',
  'kickoff',
  'venue',
  'score',
  'extraTime',
  'penalties',
  'decision',
  'goals',
  'referee',
  'attendance',
  'redCards',
];

/** One correction: (season, match, field, value, journal entry). The value's type follows the field. */
export type Override = {
  readonly [F in OverridableField]: {
    readonly season: string;
    readonly match: string;
    readonly field: F;
    readonly value: OverridableFields[F];
    /** The journal entry that recorded the correction (who, when, why, sources). */
    readonly journal: string;
  };
}[OverridableField];

/** The source and an override disagree: the override was kept. */
export interface OverrideConflict {
  readonly season: string;
  readonly match: string;
  readonly field: OverridableField;
  /** What the source says now. */
  readonly sourceValue: unknown;
  /** What the override keeps. */
  readonly overrideValue: unknown;
  readonly journal: string;
}

export interface OverrideResult {
  readonly season: Season;
  /** Overrides whose value differs from the source's: kept, and listed here. */
  readonly conflicts: readonly OverrideConflict[];
  /** Overrides the source already agrees with (an editor may retire them). */
  readonly confirmed: readonly Override[];
  /** Overrides of a match the source no longer has: not applied. */
  readonly orphans: readonly Override[];
}

/** Key order and readonly arrays aside, two field values are the same value. */
export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );

/**
 * Applies the overrides of `season.id` on top of the season read from its source. Overrides of other
 * seasons are ignored; for one (match, field) the last override in the list wins (the journal's order).
 */
export function applyOverrides(season: Season, overrides: readonly Override[]): OverrideResult {
  const latest = new Map<string, Override>();
  for (const o of overrides) if (o.season === season.id) latest.set(`${o.match}\u0000${o.field}`, o);
  const byMatch = new Map<string, Override[]>();
  for (const o of latest.values()) byMatch.set(o.match, [...(byMatch.get(o.match) ?? []), o]);

  const conflicts: OverrideConflict[] = [];
  const confirmed: Override[] = [];
  const known = new Set(season.matches.map((m) => m.id));
  const orphans = [...latest.values()].filter((o) => !known.has(o.match));
  const matches = season.matches.map((match): Match => {
    const own = byMatch.get(match.id);
    if (own === undefined) return match;
    let next: Match = match;
    for (const o of own) {
      const sourceValue = match[o.field];
      if (sameValue(sourceValue, o.value)) {
        confirmed.push(o);
        continue;
      }
      conflicts.push({ season: o.season, match: o.match, field: o.field, sourceValue, overrideValue: o.value, journal: o.journal });
      next = { ...next, [o.field]: o.value };
    }
    return next;
  });
  return { season: conflicts.length === 0 ? season : { ...season, matches }, conflicts, confirmed, orphans };
}
