import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { nextOrLastEvent, scheduleEntries, type CalendarPosition } from '../../domain/calendar.js';
import { objectKey } from '../../domain/memo.js';
import type { Stage } from '../../domain/types.js';
import { renderSchedule } from '../render/schedule.js';
import { replyTranslator } from './language.js';
import { readStage, stageOption, teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';
import { keptReply, type ReplyInput } from './kept-reply.js';

// Kept per season view, language and notice (kept-reply.ts), the stage asked for and where the clock
// sits in the calendar (the entry running, next or last: a step that changes on a day, not the instant).
// A season view's calendar entries are the same objects on every call (calendar.ts keeps them sorted).
const scheduleReply = keptReply(
  ({ stage, position }: ReplyInput & { readonly stage: Stage | null; readonly position: CalendarPosition | null }) =>
    `${stage ?? ''}|${position === null ? '' : `${position.relation}:${objectKey(position.entry)}`}`,
  ({ season, stage, position, tr }) =>
    renderSchedule(season, scheduleEntries(season).filter((entry) => stage === null || entry.stage === stage), position, tr),
);

export const schedule: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('schedule')
    .setDescription('The season calendar: draws, qualifying legs, matchdays, knockout legs')
    .addStringOption(stageOption('Only one stage'))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const stage = readStage(interaction, season, tr);
    await interaction.reply(scheduleReply({ season, stage, position: nextOrLastEvent(season, ctx.now()), tr }));
  },

  autocomplete: teamAutocomplete,
};
