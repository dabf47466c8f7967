import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { searchTeams } from '../../domain/names.js';
import type { Team } from '../../domain/types.js';
import { LIMITS } from './limits.js';
import { truncate } from './text.js';

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
