import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { UserError } from '../../domain/errors.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeTies } from '../../domain/ties.js';
import type { Match, Season, Team, TeamId } from '../../domain/types.js';
import { LIMITS } from '../render/limits.js';
import type { MessagePayload } from '../render/limits.js';
import { tiesByMatch } from '../render/match-format.js';
import { renderMatch, renderMatchChoice } from '../render/match.js';
import { readTeam, teamAutocomplete, teamOption } from './options.js';
import { commandMention } from '../../i18n/commands.js';
import type { Translator } from '../../i18n/index.js';
import { replyTranslator } from './language.js';
import { chooseSeason, competitionOption, SEASON_ID_PATTERN, seasonFromButton } from './season-choice.js';
import type { Command } from './types.js';
import { keptReply, type ReplyInput } from './kept-reply.js';

/** Buttons from before seasons were carried: `match:m:<match id>:…`, read as the default season. */
const LEGACY_PREFIX = 'match:m:';
const PREFIX = 'match:s:';

/** The matches a /match query names, chronological. */
export const matchesFor = (season: Season, team: TeamId, opponent: TeamId | null): readonly Match[] =>
  indexSeason(season)
    .matchesOf(team)
    .filter((m) => opponent === null || m.home === opponent || m.away === opponent);

/**
 * `match:s:<season>:<match id>:<team>[:<opponent>]`: the season and the pick plus the query, so the
 * picker can be redrawn under the chosen match. Without room for the query, the season and the id
 * alone still show the match.
 */
export const matchButtonId = (season: string, matchId: string, team: TeamId, opponent: TeamId | null): string => {
  const full = [PREFIX + season, matchId, team, ...(opponent ? [opponent] : [])].join(':');
  return full.length <= LIMITS.customId ? full : `${PREFIX}${season}:${matchId}`;
};

export interface MatchButton {
  /** Null for a button from before seasons were carried: the default season. */
  readonly season: string | null;
  readonly matchId: string;
  readonly team: TeamId | null;
  readonly opponent: TeamId | null;
}

export const parseMatchButtonId = (customId: string): MatchButton | null => {
  if (customId.startsWith(LEGACY_PREFIX)) {
    const [matchId, team, opponent] = customId.slice(LEGACY_PREFIX.length).split(':');
    if (!matchId) return null;
    return { season: null, matchId, team: team || null, opponent: opponent || null };
  }
  if (!customId.startsWith(PREFIX)) return null;
  const [season, matchId, team, opponent] = customId.slice(PREFIX.length).split(':');
  if (!season || !SEASON_ID_PATTERN.test(season) || !matchId) return null;
  return { season, matchId, team: team || null, opponent: opponent || null };
};

interface DetailInput extends ReplyInput {
  readonly seasonId: string;
  readonly match: Match;
  readonly now: Date;
  readonly choice: { team: TeamId; opponent: TeamId | null } | null;
}

// Kept per season view, language and notice (kept-reply.ts), the season id the buttons carry, the match
// and the picker's query. renderMatch reads nothing of the clock but the season view (its `now` is not
// read), so the instant is not in the key.
const detailReply = keptReply(
  ({ seasonId, match, choice }: DetailInput) => `${seasonId}|${match.id}|${choice === null ? '' : `${choice.team}|${choice.opponent ?? ''}`}`,
  ({ season, seasonId, match, now, choice, tr }) => detail(season, seasonId, match, now, choice, tr),
);

const detail = (
  season: Season,
  seasonId: string,
  match: Match,
  now: Date,
  choice: { team: TeamId; opponent: TeamId | null } | null,
  tr: Translator,
): MessagePayload => {
  const index = indexSeason(season);
  const tie = tiesByMatch(computeTies(season)).get(match.id) ?? null;
  const picker =
    choice === null
      ? undefined
      : { matches: matchesFor(season, choice.team, choice.opponent), idFor: (id: string) => matchButtonId(seasonId, id, choice.team, choice.opponent) };
  // A picker of one is noise.
  const keep = picker && picker.matches.length > 1 ? picker : undefined;
  return renderMatch({ season, match, tie, teamName: index.teamName, now, tr }, keep);
};

interface ChoiceInput extends ReplyInput {
  readonly seasonId: string;
  readonly team: Team;
  readonly opponent: Team | null;
  /** matchesFor(season, team, opponent): read from the season view, so not in the key. */
  readonly matches: readonly Match[];
}

// Kept per season view, language and notice, the season id the buttons carry and the pair asked for.
const choiceReply = keptReply(
  ({ seasonId, team, opponent }: ChoiceInput) => `${seasonId}|${team.id}|${opponent?.id ?? ''}`,
  ({ season, seasonId, team, opponent, matches, tr }) =>
    renderMatchChoice({
      season,
      matches,
      ties: tiesByMatch(computeTies(season)),
      teamName: indexSeason(season).teamName,
      heading: opponent
        ? tr.t('match.choice.headingPair', { team: tr.name(team.name), opponent: tr.name(opponent.name) })
        : tr.t('match.choice.headingTeam', { team: tr.name(team.name) }),
      idFor: (id) => matchButtonId(seasonId, id, team.id, opponent?.id ?? null),
      tr,
    }),
);

export const match: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('match')
    .setDescription('One match in detail: goals, venue, status, tie context')
    .addStringOption(teamOption('team', 'A club that played in it', true))
    .addStringOption(teamOption('opponent', 'The other club (optional)'))
    .addStringOption(competitionOption)),

  async execute(interaction, ctx) {
    const { entry, season } = chooseSeason(interaction, ctx);
    const team = readTeam(interaction, season, 'team', true);
    const opponent = readTeam(interaction, season, 'opponent');
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    if (opponent?.id === team.id) throw new UserError(tr.t('match.errors.sameClub'));
    const matches = matchesFor(season, team.id, opponent?.id ?? null);
    const first = matches[0];
    if (first === undefined) {
      throw new UserError(
        opponent
          ? tr.t('match.errors.didNotMeet', { team: tr.name(team.name), opponent: tr.name(opponent.name) })
          : tr.t('match.errors.noMatches', { team: tr.name(team.name) }),
      );
    }
    if (matches.length === 1) {
      await interaction.reply(detailReply({ season, seasonId: entry.id, match: first, now: ctx.now(), choice: null, tr }));
      return;
    }
    await interaction.reply(choiceReply({ season, seasonId: entry.id, team, opponent: opponent ?? null, matches, tr }));
  },

  autocomplete: teamAutocomplete,

  async button(interaction, ctx) {
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const again = { match: commandMention(interaction.locale ?? null, 'match') };
    const parsed = parseMatchButtonId(interaction.customId);
    if (!parsed) throw new UserError(tr.t('match.errors.oldButton', again));
    const { entry, season } = seasonFromButton(parsed.season, interaction, ctx, again.match);
    const found = indexSeason(season).matchById.get(parsed.matchId);
    if (!found) throw new UserError(tr.t('match.errors.matchGone', again));
    const choice = parsed.team === null ? null : { team: parsed.team, opponent: parsed.opponent };
    await interaction.update(detailReply({ season, seasonId: entry.id, match: found, now: ctx.now(), choice, tr }));
  },
};
