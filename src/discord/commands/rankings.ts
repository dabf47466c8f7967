import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { seasonAsOf } from '../../domain/as-of.js';
import { computeRanking } from '../../domain/ranking.js';
import { memoLastSeasons, objectKey } from '../../domain/memo.js';
import { computeRankingAcross } from '../../domain/ranking-across.js';
import type { Season } from '../../domain/types.js';
import { renderRankings } from '../render/rankings.js';
import { renderRankingsAcross } from '../render/rankings-across.js';
import { replyTranslator } from './language.js';
import { teamAutocomplete } from './options.js';
import { catalogOf, chooseSeason, competitionOption } from './season-choice.js';
import type { Command, CommandContext } from './types.js';
import { keptReply, type ReplyInput } from './kept-reply.js';

const ACROSS_OPTION = 'across-seasons';

/** Every loaded season as the bot's clock sees it (a context without a catalog gives its one season already so). */
const loadedSeasons = (ctx: CommandContext): Season[] => {
  const catalog = catalogOf(ctx);
  const seasons = catalog.list().flatMap((entry) => catalog.get(entry.id) ?? []);
  return ctx.catalog === undefined ? seasons : seasons.map((season) => seasonAsOf(season, ctx.now()));
};

// Recomputed only when the loaded seasons (or their timeline under a replay clock) change.
const rankingAcross = memoLastSeasons((seasons) => computeRankingAcross(seasons));

// Kept per season view, language and notice (kept-reply.ts); across seasons, per the very season views too.
const rankingsReply = keptReply(
  () => '',
  ({ season, tr }: ReplyInput) => renderRankings(season, computeRanking(season), tr),
);
const acrossReply = keptReply(
  (input: ReplyInput & { readonly seasons: readonly Season[] }) => input.seasons.map(objectKey).join(','),
  ({ season, seasons, tr }) => renderRankingsAcross(rankingAcross(seasons), seasons, season, tr),
);

export const rankings: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('rankings')
    .setDescription('CAF 5-year association ranking, entry slots and this season’s points')
    .addStringOption(competitionOption)
    .addBooleanOption((option) =>
      option.setName(ACROSS_OPTION).setDescription('Points every loaded season earned each association, weighted by season'))),

  async execute(interaction, ctx) {
    const { season } = chooseSeason(interaction, ctx);
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    if (interaction.options.getBoolean(ACROSS_OPTION) === true) {
      await interaction.reply(acrossReply({ season, seasons: loadedSeasons(ctx), tr }));
      return;
    }
    await interaction.reply(rankingsReply({ season, tr }));
  },

  autocomplete: teamAutocomplete,
};
