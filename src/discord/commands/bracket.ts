import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { indexSeason } from '../../domain/season-index.js';
import { bracketStages, type BracketStage } from '../../domain/ties.js';
import type { Stage } from '../../domain/types.js';
import { renderBracket } from '../render/bracket.js';
import { replyTranslator } from './language.js';
import { readStage, stageOption, teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';
import { keptReply, type ReplyInput } from './kept-reply.js';

/** What the clock decides of a stage (its draw still to come, waiting for a round, or its ties): the step, not the instant. */
const stepOf = (entry: BracketStage): string => ('ties' in entry ? 't' : 'drawOn' in entry ? 'd' : 'w');

// Kept per season view, language and notice (kept-reply.ts), the round asked for and each stage's step.
const bracketReply = keptReply(
  ({ stage, stages }: ReplyInput & { readonly stage: Stage | null; readonly stages: readonly BracketStage[] }) =>
    `${stage ?? ''}|${stages.map(stepOf).join('')}`,
  ({ season, stages, tr }) => renderBracket(season, stages, indexSeason(season).teamName, tr),
);

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
    await interaction.reply(bracketReply({ season, stage, stages, tr }));
  },

  autocomplete: teamAutocomplete,
};
