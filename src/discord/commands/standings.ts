import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeGroupTable, computeGroupTables } from '../../domain/standings.js';
import { renderStandings } from '../render/standings.js';
import { replyTranslator } from './language.js';
import { groupOption, readGroup } from './options.js';
import type { Command } from './types.js';

export const standings: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('standings')
    .setDescription('Group-stage tables with qualifiers and tiebreak notes')
    .addStringOption(groupOption)),

  async execute(interaction, ctx) {
    const season = ctx.season();
    const group = readGroup(interaction);
    const tables = group === null ? computeGroupTables(season) : [computeGroupTable(season, group)];
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(renderStandings(season, tables, indexSeason(season).teamName, tr));
  },
};
