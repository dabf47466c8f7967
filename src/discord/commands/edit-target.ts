// Which season and which match an /edit command means. Match autocomplete spans every loaded
// season (the default one first) and answers `<season id>/<match id>`, so one option names both;
// a `season` option narrows it, and a bare match id or typed words are read in that season (else the
// newest season in progress, as fans' commands default).
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { CatalogEntry, SeasonCatalog } from '../../domain/catalog.js';
import { UserError } from '../../domain/errors.js';
import { normalizeName } from '../../domain/names.js';
import type { Match, Season } from '../../domain/types.js';
import type { EditingService } from '../../editing/types.js';
import { LIMITS } from '../render/limits.js';
import { truncate } from '../render/text.js';
import { seasonTitle as titleOfSeason } from '../render/theme.js';
import { SEASON_ID_PATTERN, catalogDefault, competitionChoices, seasonTitle } from './season-choice.js';

const MAX_CHOICES = 25;

export interface EditTarget {
  readonly season: Season;
  readonly match: Match;
}

/** The season to edit when none is named: the newest in progress, else finished, else the newest. */
export const defaultEditSeason = (catalog: SeasonCatalog, now: Date): CatalogEntry | undefined => catalogDefault(catalog, now);

/** A `season` option's value (an id from autocomplete, or a title typed in full); the default when empty. */
export const editSeason = (catalog: SeasonCatalog, raw: string | null, now: Date): Season => {
  const typed = raw?.trim() ?? '';
  if (typed === '') {
    const entry = defaultEditSeason(catalog, now);
    const season = entry === undefined ? undefined : catalog.get(entry.id);
    if (season === undefined) throw new UserError('No season is loaded yet: start one with `/edit season new`.');
    return season;
  }
  const folded = normalizeName(typed);
  const entry = catalog.list().find((e) => e.id === typed || normalizeName(e.id) === folded || normalizeName(seasonTitle(e)) === folded);
  const season = entry === undefined ? undefined : catalog.get(entry.id);
  if (season === undefined) {
    throw new UserError(
      `No season \`${typed}\` is loaded. Pick one from the list.`,
      catalog.list().slice(0, 5).map((e) => e.id),
    );
  }
  return season;
};

/** `<season id>/<match id>` as match autocomplete gives it; null for anything else. */
const splitMatchValue = (value: string): { seasonId: string; matchId: string } | null => {
  const slash = value.indexOf('/');
  if (slash <= 0) return null;
  const seasonId = value.slice(0, slash);
  return SEASON_ID_PATTERN.test(seasonId) ? { seasonId, matchId: value.slice(slash + 1) } : null;
};

/**
 * The season and match a `match` option names: a value from autocomplete, a match id of the season
 * (the `season` option's, else the default), or words that fit exactly one match there.
 */
export const editTarget = (
  catalog: SeasonCatalog,
  editing: Pick<EditingService, 'matchChoices'>,
  rawMatch: string,
  rawSeason: string | null,
  now: Date,
): EditTarget => {
  const typed = rawMatch.trim();
  if (typed === '') throw new UserError('Name the match: pick it from the list (type a club, the round or the date).');
  const split = splitMatchValue(typed);
  const named = rawSeason !== null && rawSeason.trim() !== '' ? editSeason(catalog, rawSeason, now) : null;
  if (split !== null && (named === null || named.id === split.seasonId)) {
    const season = catalog.get(split.seasonId);
    const match = season?.matches.find((m) => m.id === split.matchId);
    if (season !== undefined && match !== undefined) return { season, match };
  }
  const season = named ?? editSeason(catalog, null, now);
  const byId = season.matches.find((m) => m.id === typed || m.id.toLowerCase() === typed.toLowerCase());
  if (byId !== undefined) return { season, match: byId };
  // Words typed without picking: one match that fits is that match; several, the editor picks.
  const choices = editing.matchChoices(season.id, typed);
  const only = choices.length === 1 ? splitMatchValue(choices[0]!.value) : null;
  const match = only === null ? undefined : season.matches.find((m) => m.id === only.matchId);
  if (match !== undefined) return { season, match };
  if (choices.length > 1) {
    throw new UserError(`Several matches of ${titleOfSeason(season)} fit \`${typed}\`: pick one from the list.`, choices.slice(0, 5).map((c) => c.name));
  }
  throw new UserError(`No match of ${titleOfSeason(season)} fits \`${typed}\`. Pick it from the list (type a club, the round or the date).`);
};

/**
 * Match autocomplete: in the `season` typed so far, else every season, the default one first, each
 * choice `<season id>/<match id>`; with several seasons each name ends with the season's short title.
 */
export const matchChoices = (
  catalog: SeasonCatalog,
  editing: Pick<EditingService, 'matchChoices'>,
  typed: string,
  rawSeason: string | null,
  now: Date,
): APIApplicationCommandOptionChoice<string>[] => {
  const seasonTyped = rawSeason?.trim() ?? '';
  const narrowed = seasonTyped === '' ? null : (catalog.list().find((e) => e.id === seasonTyped) ?? competitionChoicesFirst(catalog, seasonTyped));
  const first = narrowed ?? defaultEditSeason(catalog, now);
  const entries = narrowed !== null ? [narrowed] : [...(first ? [first] : []), ...catalog.list().filter((e) => e.id !== first?.id)];
  const several = entries.length > 1;
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  for (const entry of entries) {
    for (const choice of editing.matchChoices(entry.id, typed)) {
      // matchChoices answers match ids, or `<season>/<match>` already: both become the full form.
      const value = splitMatchValue(choice.value) === null ? `${entry.id}/${choice.value}` : choice.value;
      if (value.length > LIMITS.selectLabel) continue;
      const name = several ? `${choice.name} · ${seasonTitle(entry)}` : choice.name;
      out.push({ name: truncate(name, LIMITS.selectLabel), value });
      if (out.length === MAX_CHOICES) return out;
    }
  }
  return out;
};

const competitionChoicesFirst = (catalog: SeasonCatalog, typed: string): CatalogEntry | null => {
  const id = competitionChoices(catalog, typed)[0]?.value;
  return catalog.list().find((e) => e.id === id) ?? null;
};
