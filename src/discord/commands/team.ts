import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { computeScorers } from '../../domain/scorers.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeGroupTable } from '../../domain/standings.js';
import { computeTies } from '../../domain/ties.js';
import { renderTeam } from '../render/team.js';
import { readTeam, teamAutocomplete, teamOption } from './options.js';
import { replyTranslator } from './language.js';
import { catalogOf, chooseSeason, clubSeasons, COMPETITION_OPTION, competitionOption } from './season-choice.js';
import type { Command, CommandContext } from './types.js';
import type { TeamInSeason } from '../render/team-seasons.js';
import { seasonAsOf } from '../../domain/as-of.js';
import type { Season, Team, TeamId } from '../../domain/types.js';
import { objectKey } from '../../domain/memo.js';
import type { Translator } from '../../i18n/index.js';
import { keptReply } from './kept-reply.js';

/** Per season view shown and club: the list last given, kept while the other seasons' views stay the same. */
const clubLists = new WeakMap<Season, Map<TeamId, readonly TeamInSeason[]>>();

/**
 * The season shown, then every other loaded season the club plays in (the catalog's order: newest
 * first), each as of the bot's clock. The same array while those views stay the same objects, so the
 * card's key names it by identity (kept-reply.ts) instead of joining every season's key on each call.
 */
const seasonsOfClub = (ctx: CommandContext, shown: Season, team: TeamId): readonly TeamInSeason[] => {
  const now = ctx.now();
  const others = clubSeasons(catalogOf(ctx), shown.id, team).map((s) => seasonAsOf(s, now));
  let perClub = clubLists.get(shown);
  if (perClub === undefined) {
    perClub = new Map();
    clubLists.set(shown, perClub);
  }
  const kept = perClub.get(team);
  if (kept !== undefined && kept.length === others.length + 1 && others.every((view, i) => kept[i + 1]?.season === view)) return kept;
  const list = [{ season: shown, team }, ...others.map((season) => ({ season, team }))];
  perClub.set(team, list);
  return list;
};

/** A card asked with `competition` lists no other season: one array, so its key is the same each time. */
const NO_OTHER_SEASONS: readonly TeamInSeason[] = [];

interface CardInput {
  readonly season: Season;
  readonly team: Team;
  readonly seasons: readonly TeamInSeason[];
  readonly tr: Translator;
}

/** The card, kept per season view, language, notice, club and the very list of season views it shows (kept-reply.ts). */
const teamCard = keptReply(
  (input: CardInput) => `${objectKey(input.team)}|${objectKey(input.seasons)}`,
  ({ season, team: found, seasons, tr }) => {
    const index = indexSeason(season);
    return renderTeam({
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
      seasons,
    });
  },
);

export const team: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('team')
    .setDescription('A club’s card: association, ranking, entry, every result, scorers')
    .addStringOption(teamOption('team', 'The club', true))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const found = readTeam(interaction, season, 'team', true);
    // Without `competition`, the card lists every loaded season the club played (this one first).
    const seasons = interaction.options.getString(COMPETITION_OPTION) === null ? seasonsOfClub(ctx, season, found.id) : NO_OTHER_SEASONS;
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    await interaction.reply(teamCard({ season, team: found, seasons, tr }));
  },

  autocomplete: teamAutocomplete,
};
