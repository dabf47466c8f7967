import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { computeScorers } from '../../domain/scorers.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeGroupTable } from '../../domain/standings.js';
import { computeTies } from '../../domain/ties.js';
import { renderTeam } from '../render/team.js';
import { readTeam, teamAutocomplete, teamOption } from './options.js';
import { replyTranslator } from './language.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

export const team: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('team')
    .setDescription('A club’s card: association, ranking, entry, every result, scorers')
    .addStringOption(teamOption('team', 'The club', true))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const found = readTeam(interaction, season, 'team', true);
    const index = indexSeason(season);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(
      renderTeam({
        season,
        team: found,
        association: index.associationByName.get(found.association) ?? null,
        teamName: index.teamName,
        matches: index.matchesOf(found.id),
        ties: computeTies(season).filter((t) => t.teams.includes(found.id)),
        groupTable: found.group === null ? null : computeGroupTable(season, found.group),
        scorers: {
          proper: computeScorers(season, { team: found.id, stage: 'proper' }),
          qualifying: computeScorers(season, { team: found.id, stage: 'qualifying' }),
        },
        tr,
      }),
    );
  },

  autocomplete: teamAutocomplete,
};
