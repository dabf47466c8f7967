import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeGroupTable, computeGroupTables } from '../../domain/standings.js';
import { renderStandings } from '../render/standings.js';
import { replyTranslator } from './language.js';
import { groupOption, readGroup, teamAutocomplete } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';
import { keptReply, type ReplyInput } from './kept-reply.js';
import type { GroupId } from '../../domain/types.js';

// Kept per season view, language and notice (kept-reply.ts) and the group asked for: the tables read
// nothing of the clock but the season view.
const standingsReply = keptReply(
  ({ group }: ReplyInput & { readonly group: GroupId | null }) => group ?? '',
  ({ season, group, tr }) =>
    renderStandings(season, group === null ? computeGroupTables(season) : [computeGroupTable(season, group)], indexSeason(season).teamName, tr),
);

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
    await interaction.reply(standingsReply({ season, group, tr }));
  },

  autocomplete: teamAutocomplete,
};
