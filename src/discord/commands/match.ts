import { SlashCommandBuilder } from 'discord.js';
import { localized } from '../../i18n/commands.js';
import { UserError } from '../../domain/errors.js';
import { indexSeason } from '../../domain/season-index.js';
import { computeTies } from '../../domain/ties.js';
import type { Match, Season, TeamId } from '../../domain/types.js';
import { LIMITS } from '../render/limits.js';
import type { MessagePayload } from '../render/limits.js';
import { tiesByMatch } from '../render/match-format.js';
import { renderMatch, renderMatchChoice } from '../render/match.js';
import { readTeam, teamAutocomplete, teamOption } from './options.js';
import { commandMention } from '../../i18n/commands.js';
import type { Translator } from '../../i18n/index.js';
import { replyTranslator } from './language.js';
import type { Command } from './types.js';

const PREFIX = 'match:m:';

/** The matches a /match query names, chronological. */
export const matchesFor = (season: Season, team: TeamId, opponent: TeamId | null): readonly Match[] =>
  indexSeason(season)
    .matchesOf(team)
    .filter((m) => opponent === null || m.home === opponent || m.away === opponent);

/**
 * `match:m:<match id>:<team>[:<opponent>]`: the pick plus the query, so the picker can be redrawn
 * under the chosen match. Without room for the query, the id alone still shows the match.
 */
export const matchButtonId = (matchId: string, team: TeamId, opponent: TeamId | null): string => {
  const full = [PREFIX + matchId, team, ...(opponent ? [opponent] : [])].join(':');
  return full.length <= LIMITS.customId ? full : PREFIX + matchId;
};

export const parseMatchButtonId = (customId: string): { matchId: string; team: TeamId | null; opponent: TeamId | null } | null => {
  if (!customId.startsWith(PREFIX)) return null;
  const [matchId, team, opponent] = customId.slice(PREFIX.length).split(':');
  if (!matchId) return null;
  return { matchId, team: team || null, opponent: opponent || null };
};

const detail = (
  season: Season,
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
      : { matches: matchesFor(season, choice.team, choice.opponent), idFor: (id: string) => matchButtonId(id, choice.team, choice.opponent) };
  // A picker of one is noise.
  const keep = picker && picker.matches.length > 1 ? picker : undefined;
  return renderMatch({ season, match, tie, teamName: index.teamName, now, tr }, keep);
};

export const match: Command = {
  data: localized(new SlashCommandBuilder()
    .setName('match')
    .setDescription('One match in detail: goals, venue, status, tie context')
    .addStringOption(teamOption('team', 'A club that played in it', true))
    .addStringOption(teamOption('opponent', 'The other club (optional)'))),

  async execute(interaction, ctx) {
    const season = ctx.season();
    const index = indexSeason(season);
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
      await interaction.reply(detail(season, first, ctx.now(), null, tr));
      return;
    }
    const heading = opponent
      ? tr.t('match.choice.headingPair', { team: tr.name(team.name), opponent: tr.name(opponent.name) })
      : tr.t('match.choice.headingTeam', { team: tr.name(team.name) });
    await interaction.reply(
      renderMatchChoice({
        season,
        matches,
        ties: tiesByMatch(computeTies(season)),
        teamName: index.teamName,
        heading,
        idFor: (id) => matchButtonId(id, team.id, opponent?.id ?? null),
        tr,
      }),
    );
  },

  autocomplete: teamAutocomplete,

  async button(interaction, ctx) {
    const tr = ctx.tr ?? replyTranslator(interaction, ctx);
    const again = { match: commandMention(interaction.locale ?? null, 'match') };
    const parsed = parseMatchButtonId(interaction.customId);
    if (!parsed) throw new UserError(tr.t('match.errors.oldButton', again));
    const season = ctx.season();
    const found = indexSeason(season).matchById.get(parsed.matchId);
    if (!found) throw new UserError(tr.t('match.errors.matchGone', again));
    const choice = parsed.team === null ? null : { team: parsed.team, opponent: parsed.opponent };
    await interaction.update(detail(season, found, ctx.now(), choice, tr));
  },
};
