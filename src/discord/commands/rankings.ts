import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { computeRanking } from '../../domain/ranking.js';
import { renderRankings } from '../render/rankings.js';
import { replyTranslator } from './language.js';
import { teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

export const rankings: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('rankings')
    .setDescription('CAF 5-year association ranking, entry slots and this season’s points')
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(renderRankings(season, computeRanking(season), tr));
  },

  autocomplete: teamAutocomplete,
};
