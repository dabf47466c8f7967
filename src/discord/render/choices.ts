import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { shownGroupLabels, matchdayCount } from '../../domain/format.js';
import { searchTeams } from '../../domain/names.js';
import type { Season, Stage, StageKind, Team } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { LIMITS } from './limits.js';
import { truncate } from './text.js';
import { groupName, stageTitle } from './words.js';

const MAX_CHOICES = 25;

/** "RS Berkane (Morocco)": the association keeps look-alike names apart in the picker. */
const teamChoiceName = (team: Team): string => truncate(`${team.name} (${team.association})`.replace(/[\r\n\t]+/g, ' '), LIMITS.selectLabel);

/**
 * Autocomplete choices for a team option: the domain's fuzzy search (aliases, accents, typos), at
 * most 25, value = team id. With nothing typed yet, the group-stage teams come first.
 */
export const teamChoices = (teams: readonly Team[], query: string): APIApplicationCommandOptionChoice<string>[] => {
  const found = query.trim() === '' ? defaultOrder(teams) : searchTeams(teams, query, MAX_CHOICES);
  return found
    .filter((team) => team.id.length > 0 && team.id.length <= LIMITS.selectLabel)
    .slice(0, MAX_CHOICES)
    .map((team) => ({ name: teamChoiceName(team), value: team.id }));
};

const defaultOrder = (teams: readonly Team[]): Team[] =>
  [...teams].sort(
    (a, b) => Number(a.group === null) - Number(b.group === null) || (a.group ?? '').localeCompare(b.group ?? '') || a.name.localeCompare(b.name, 'en'),
  );

/** Choices whose name or value starts with (then contains) what was typed, at most 25. */
const matching = <V extends string | number>(choices: readonly APIApplicationCommandOptionChoice<V>[], typed: string): APIApplicationCommandOptionChoice<V>[] => {
  const query = typed.trim().toLocaleLowerCase();
  if (query === '') return choices.slice(0, MAX_CHOICES);
  const starts = choices.filter((c) => c.name.toLocaleLowerCase().startsWith(query) || String(c.value).toLocaleLowerCase().startsWith(query));
  const contains = choices.filter((c) => !starts.includes(c) && (c.name.toLocaleLowerCase().includes(query) || String(c.value).toLocaleLowerCase().includes(query)));
  return [...starts, ...contains].slice(0, MAX_CHOICES);
};

/** A stage as fans read it: the house's words for a known stage, else the name the season's format gives it. */
export const stageChoiceName = (season: Pick<Season, 'format'>, stage: Stage, tr: Translator): string =>
  truncate(stageTitle(season, stage, tr), LIMITS.selectLabel);

/** Autocomplete for a `stage` option: the season's stages in the order they are played (optionally only some kinds). */
export const stageChoices = (
  season: Pick<Season, 'format'>,
  typed: string,
  tr: Translator,
  kinds: readonly StageKind[] = ['qualifying', 'group', 'knockout'],
): APIApplicationCommandOptionChoice<string>[] =>
  matching(
    season.format.stages.filter((s) => kinds.includes(s.kind)).map((s) => ({ name: stageChoiceName(season, s.code, tr), value: s.code })),
    typed,
  );

/** Autocomplete for a `group` option: the season's groups, in the format's order. */
export const groupChoices = (season: Pick<Season, 'format'>, typed: string, tr: Translator): APIApplicationCommandOptionChoice<string>[] =>
  matching(
    // None for an unnamed group (a league phase): there is one table and nothing to pick.
    shownGroupLabels(season).map((g) => ({ name: truncate(groupName(g, tr), LIMITS.selectLabel), value: g })),
    typed,
  );

/** Autocomplete for a `matchday` option: 1…n of the season's group stage. */
export const matchdayChoices = (season: Pick<Season, 'format'>, typed: string, tr: Translator): APIApplicationCommandOptionChoice<number>[] =>
  matching(
    Array.from({ length: matchdayCount(season) }, (_, i) => ({ name: tr.t('fixtures.title.matchday', { n: tr.number(i + 1) }), value: i + 1 })),
    typed,
  );
