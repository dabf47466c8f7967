import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { nextOrLastEvent, scheduleEntries } from '../../domain/calendar.js';
import { renderSchedule } from '../render/schedule.js';
import { replyTranslator } from './language.js';
import { readStage, stageOption, teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

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
    const entries = scheduleEntries(season).filter((entry) => stage === null || entry.stage === stage);
    await interaction.reply(renderSchedule(season, entries, nextOrLastEvent(season, ctx.now()), tr));
  },

  autocomplete: teamAutocomplete,
};
