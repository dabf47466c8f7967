import { SlashCommandBuilder } from 'discord.js';
import { nextMatches, type NextView } from '../../domain/next-match.js';
import { objectKey } from '../../domain/memo.js';
import type { Season, TeamId } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { keptReply } from './kept-reply.js';
import { indexSeason } from '../../domain/season-index.js';
import { localized } from '../../i18n/commands.js';
import { renderNext } from '../render/next.js';
import { replyTranslator } from './language.js';
import { readTeam, teamAutocomplete, teamOption } from './options.js';
import { chooseSeason, competitionOption } from './season-choice.js';
import type { Command } from './types.js';

interface NextInput {
  readonly season: Season;
  readonly view: NextView;
  readonly team: TeamId | null;
  readonly tr: Translator;
}

/** Kept per season view, language, notice, club and the very answer (kept per step of the clock in next-match.ts). */
const nextReply = keptReply(
  (input: NextInput) => `${input.team ?? ''}|${objectKey(input.view)}`,
  ({ season, view, team, tr }) => renderNext({ season, view, team, teamName: indexSeason(season).teamName, tr }),
);

// /next [team]: the club's next match, or the season's next round, as of the bot's clock.
export const next: Command = {
  data: localized(
    new SlashCommandBuilder()
      .setName('next')
      .setDescription("The next match of a club, or the season's next matches")
      .addStringOption(teamOption('team', "The club (default: the season's next round)"))
      .addStringOption(competitionOption),
  ),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const found = readTeam(interaction, season, 'team');
    const view = nextMatches(season, ctx.now(), found?.id ?? null);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(nextReply({ season, view, team: found?.id ?? null, tr }));
  },

  autocomplete: teamAutocomplete,
};
