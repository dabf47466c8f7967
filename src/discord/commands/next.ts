import { SlashCommandBuilder } from 'discord.js';
import { nextMatches } from '../../domain/next-match.js';
import { indexSeason } from '../../domain/season-index.js';
import { localized } from '../../i18n/commands.js';
import { renderNext } from '../render/next.js';
import { replyTranslator } from './language.js';
import { readTeam, teamAutocomplete, teamOption } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

// /next [team]: the club's next match, or the season's next round, as of the bot's clock.
export const next: Command = {
  data: localized(
    new SlashCommandBuilder()
      .setName('next')
      .setDescription("The next match of a club, or the season's next matches")
      .addStringOption(teamOption('team', "The club (default: the season's next round)"))
      .addStringOption(competitionOption),
  ),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const found = readTeam(interaction, season, 'team');
    const view = nextMatches(season, ctx.now(), found?.id ?? null);
    const tr = replyTranslator(interaction, ctx);
    await interaction.reply(renderNext({ season, view, team: found?.id ?? null, teamName: indexSeason(season).teamName, tr }));
  },

  autocomplete: teamAutocomplete,
};
