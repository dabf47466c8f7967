import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { resolveTeam } from '../../domain/names.js';
import type { Season, Team } from '../../domain/types.js';
import { GROUPS } from '../../domain/types.js';
import { teamChoices } from '../render/choices.js';
import type { CommandContext } from './types.js';

/** A team option answered by autocomplete; the value is a team id, or whatever the user typed past it. */
export const teamOption =
  (name: string, description: string, required = false) =>
  (option: SlashCommandStringOption): SlashCommandStringOption =>
    option.setName(name).setDescription(description).setRequired(required).setAutocomplete(true).setMaxLength(100);

export const groupOption = (option: SlashCommandStringOption): SlashCommandStringOption =>
  option
    .setName('group')
    .setDescription('One group of the group stage')
    .addChoices(...GROUPS.map((g) => ({ name: `Group ${g}`, value: g })));

/**
 * Reads a team option and resolves it against the season: autocomplete gives an id, but the client
 * does not enforce choices, so anything typed is matched again (UserError with suggestions if unknown).
 */
export function readTeam(interaction: ChatInputCommandInteraction, season: Season, name: string, required: true): Team;
export function readTeam(interaction: ChatInputCommandInteraction, season: Season, name: string, required?: false): Team | null;
export function readTeam(interaction: ChatInputCommandInteraction, season: Season, name: string, required = false): Team | null {
  const raw = interaction.options.getString(name, required);
  if (raw === null || raw.trim() === '') return null;
  return resolveTeam(season.teams, raw);
}

/** Autocomplete for every team option of a command (the focused option decides nothing else). */
export const teamAutocomplete = async (interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> => {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(teamChoices(ctx.season().teams, String(focused.value)));
};
