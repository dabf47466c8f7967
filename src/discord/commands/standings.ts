import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeGroupTable, computeGroupTables } from '../../domain/standings.js';
import { renderStandings } from '../render/standings.js';
import { replyTranslator } from './language.js';
import { groupOption, readGroup, teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

export const standings: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('standings')
    .setDescription('Group-stage tables with qualifiers and tiebreak notes')
    .addStringOption(groupOption)
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const group = readGroup(interaction, season, tr);
    const tables = group === null ? computeGroupTables(season) : [computeGroupTable(season, group)];
    await interaction.reply(renderStandings(season, tables, indexSeason(season).teamName, tr));
  },

  autocomplete: teamAutocomplete,
};
