import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { indexSeason } from '../../domain/season-index.js';
import { bracketStages } from '../../domain/ties.js';
import { renderBracket } from '../render/bracket.js';
import { replyTranslator } from './language.js';
import { teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

export const bracket: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('bracket')
    .setDescription('Quarter-finals to the final: legs, aggregates and who went through')
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(renderBracket(season, bracketStages(season, ctx.now()), indexSeason(season).teamName, tr));
  },

  autocomplete: teamAutocomplete,
};
