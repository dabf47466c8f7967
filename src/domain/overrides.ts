// Editors' corrections on top of a season's source. A source keeps a season current, but an editor
// may know better (a kickoff moved late, a result the file got wrong): each correction is stored as
// an override of one field of one match, tied to the journal entry that recorded it, and every
// import applies the overrides on top of the file. When the source says something else than an
// override, the override wins and the disagreement is returned, for editors to settle.
//
// Storage: season_overrides (src/db/editing-schema.ts, src/db/editing.ts); the live rows in journal
// order are the `overrides` list below, so the latest correction of a field wins. A match an editor
// added (`/edit fixture`) is an override of the field `match`: the whole match, with the teams and
// associations it needs that the season may not have yet.
// Conflicts need no table of their own: they are recomputed at every import and logged once.
import type { Association, Match, Season, Team } from './types.js';

/** The fields of a match an editor may override, with the value each one holds (the match's own types). */
export type OverridableFields = Pick<
  Match,
  'status' | 'resultNotPublished' | 'date' | 'kickoff' | 'venue' | 'score' | 'extraTime' | 'penalties' | 'decision' | 'goals' | 'referee' | 'attendance' | 'redCards'
>;
export type OverridableField = keyof OverridableFields;

export const OVERRIDABLE_FIELDS: readonly OverridableField[] = [
  'status',
  'resultNotPublished',
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

/** A match an editor added, with what the season needs to hold it. */
export interface AddedMatch {
  readonly match: Match;
  /** Its two teams' records (added to the season when it does not have them). */
  readonly teams: readonly Team[];
  /** Their associations' records (idem). */
  readonly associations: readonly Association[];
}

/** An added match: field `match`, the whole match as value. */
export interface MatchAddition {
  readonly season: string;
  readonly match: string;
  readonly field: 'match';
  readonly value: AddedMatch;
  readonly journal: string;
}

/** One correction: (season, match, field, value, journal entry). The value's type follows the field. */
export type FieldOverride = {
  readonly [F in OverridableField]: {
    readonly season: string;
    readonly match: string;
    readonly field: F;
    readonly value: OverridableFields[F];
    /** The journal entry that recorded the correction (who, when, why, sources). */
    readonly journal: string;
  };
}[OverridableField];

export type Override = FieldOverride | MatchAddition;

/** The source and an override disagree: the override was kept. */
export interface OverrideConflict {
  readonly season: string;
  readonly match: string;
  readonly field: OverridableField | 'match';
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
 * Added matches come first (appended, with their teams and associations when missing; an added match
 * the source now has too keeps the editor's version, as a conflict when they differ), then the
 * field corrections, on the source's matches and the added ones alike.
 */
export function applyOverrides(season: Season, overrides: readonly Override[]): OverrideResult {
  const latest = new Map<string, Override>();
  for (const o of overrides) if (o.season === season.id) latest.set(`${o.match}\u0000${o.field}`, o);
  const conflicts: OverrideConflict[] = [];
  const confirmed: Override[] = [];

  const additions = [...latest.values()].filter((o): o is MatchAddition => o.field === 'match');
  let base = season;
  if (additions.length > 0) {
    const sourceMatches = new Map(season.matches.map((m) => [m.id, m]));
    const teams = [...season.teams];
    const associations = [...season.associations];
    const replaced = new Map<string, Match>();
    const appended: Match[] = [];
    for (const a of additions) {
      const inSource = sourceMatches.get(a.match);
      if (inSource !== undefined) {
        if (sameValue(inSource, a.value.match)) {
          confirmed.push(a);
          continue;
        }
        conflicts.push({ season: a.season, match: a.match, field: 'match', sourceValue: inSource, overrideValue: a.value.match, journal: a.journal });
        replaced.set(a.match, a.value.match);
      } else {
        appended.push(a.value.match);
      }
      for (const t of a.value.teams) {
        const at = teams.findIndex((x) => x.id === t.id);
        const existing = teams[at];
        if (existing === undefined) teams.push(t);
        // A club that entered before the groups joins its group with its first group match.
        else if (existing.group === null && t.group !== null) teams[at] = { ...existing, group: t.group };
      }
      for (const x of a.value.associations) if (!associations.some((y) => y.name === x.name)) associations.push(x);
    }
    base = { ...season, teams, associations, matches: [...season.matches.map((m) => replaced.get(m.id) ?? m), ...appended] };
  }

  const byMatch = new Map<string, FieldOverride[]>();
  for (const o of latest.values()) if (o.field !== 'match') byMatch.set(o.match, [...(byMatch.get(o.match) ?? []), o]);
  const known = new Set(base.matches.map((m) => m.id));
  const orphans = [...latest.values()].filter((o) => o.field !== 'match' && !known.has(o.match));
  let changed = base !== season;
  const matches = base.matches.map((match): Match => {
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
      changed = true;
    }
    return next;
  });
  return { season: changed ? { ...base, matches } : season, conflicts, confirmed, orphans };
}

/** A value that says "not known yet": a source that has no result, kickoff or goals yet does not disagree with an editor. */
const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || value === false || value === 'scheduled' || (Array.isArray(value) && value.length === 0);

/**
 * The conflicts worth an editor's attention: the source now says something (not "not known"), and
 * not what it said when the editor made the change (`before`: the journal's value of that field
 * before the change, undefined when not recorded). An editor's correction of a value the source
 * still gives is what the editor meant, not news; a source that later publishes another value is.
 */
export function notableConflicts(conflicts: readonly OverrideConflict[], before: (journal: string, field: string) => unknown): OverrideConflict[] {
  return conflicts.filter((c) => {
    if (c.field === 'match') return true;
    if (isEmpty(c.sourceValue)) return false;
    const then = before(c.journal, c.field);
    return then === undefined || !sameValue(then, c.sourceValue);
  });
}
