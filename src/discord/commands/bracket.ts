import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { indexSeason } from '../../domain/season-index.js';
import { bracketStages } from '../../domain/ties.js';
import { renderBracket } from '../render/bracket.js';
import { replyTranslator } from './language.js';
import { readStage, stageOption, teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

export const bracket: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('bracket')
    .setDescription('Quarter-finals to the final: legs, aggregates and who went through')
    .addStringOption(stageOption('Only one round (default: the knockout rounds)'))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    // Any round with ties of the chosen season's format: a qualifying round too.
    const stage = readStage(interaction, season, tr, ['qualifying', 'knockout']);
    const stages = stage === null ? bracketStages(season, ctx.now()) : bracketStages(season, ctx.now(), [stage]);
    await interaction.reply(renderBracket(season, stages, indexSeason(season).teamName, tr));
  },

  autocomplete: teamAutocomplete,
};
