import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { nextOrLastEvent, scheduleEntries } from '../../domain/calendar.js';
import { renderSchedule } from '../render/schedule.js';
import { replyTranslator } from './language.js';
import type { Command } from './types.js';

export const schedule: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('schedule')
    .setDescription('The season calendar: draws, qualifying legs, matchdays, knockout legs')),

  async execute(interaction, ctx) {
    const season = ctx.season();
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(renderSchedule(season, scheduleEntries(season), nextOrLastEvent(season, ctx.now()), tr));
  },
};
