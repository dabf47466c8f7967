// A club across the loaded seasons: one line per season it played (the season the card shows first,
// then the others newest first): the competition and season, the stage it reached, its record.
import type { APIEmbedField } from 'discord.js';
import { memoBySeasonKey, objectKey } from '../../domain/memo.js';
import { matchOutcome } from '../../domain/outcome.js';
import type { Match, Season, Stage, TeamId } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { seasonTitle } from './theme.js';
import { englishTr, stageTitle } from './words.js';

/** A season and the club's id in it (a club keeps its id across seasons: data/clubs.json). */
export interface TeamInSeason {
  readonly season: Season;
  readonly team: TeamId;
}

export interface TeamSeasonRecord {
  readonly won: number;
  readonly drawn: number;
  readonly lost: number;
  /** Goals for and against in the matches with a score (an award without a score counts in won/lost only). */
  readonly scored: number;
  readonly conceded: number;
  /** The stage of the club's latest match (the furthest it reached); null when it has no match. */
  readonly reached: Stage | null;
  readonly champion: boolean;
}

/** Latest first by date (undated last), file order breaking ties. */
const latestMatch = (matches: readonly Match[]): Match | undefined =>
  matches.reduce<Match | undefined>((latest, m) => {
    if (latest === undefined) return m;
    const day = m.kickoff ?? m.date;
    const latestDay = latest.kickoff ?? latest.date;
    return day !== null && (latestDay === null || day >= latestDay) ? m : latest;
  }, undefined);

export const teamSeasonRecord = ({ season, team }: TeamInSeason): TeamSeasonRecord => {
  const matches = season.matches.filter((m) => m.home === team || m.away === team);
  let won = 0;
  let drawn = 0;
  let lost = 0;
  let scored = 0;
  let conceded = 0;
  for (const match of matches) {
    const outcome = matchOutcome(match);
    if (outcome.kind === 'winner_only') {
      if (outcome.winner === team) won++;
      else lost++;
      continue;
    }
    if (outcome.kind !== 'score') continue;
    const [own, other] = match.home === team ? [outcome.score.home, outcome.score.away] : [outcome.score.away, outcome.score.home];
    scored += own;
    conceded += other;
    if (own > other) won++;
    else if (own < other) lost++;
    else drawn++;
  }
  return { won, drawn, lost, scored, conceded, reached: latestMatch(matches)?.stage ?? null, champion: season.champion === team };
};

/** A stage as fans read it: the house's words for a CAF stage, else the name the season's format gives it. */
export const stageWords = (season: Season, stage: Stage, tr: Translator): string =>
  stageTitle(season, stage, tr);

/** "**CAF Champions League 2024–25** · Second round · W2 D1 L1, goals 5–2" */
export const teamSeasonLine = (entry: TeamInSeason, tr: Translator = englishTr()): string => {
  const record = teamSeasonRecord(entry);
  const reached = record.champion ? `🏆 ${tr.t('team.champions')}` : record.reached === null ? tr.t('team.noMatches') : stageWords(entry.season, record.reached, tr);
  const line = tr.t('team.seasons.record', {
    won: record.won,
    drawn: record.drawn,
    lost: record.lost,
    // Isolated in a right-to-left reply, so "5–2" is not read as "2–5".
    goals: tr.name(`${record.scored}–${record.conceded}`),
  });
  return `**${tr.name(seasonTitle(entry.season))}** · ${reached} · ${line}`;
};

/**
 * teamSeasonLine kept per season view, club and language: a club's line shows on the card of every
 * season it played, in each language, and reads only the season (immutable), the club and the language.
 */
const keptSeasonLine = memoBySeasonKey(
  ({ entry }: { readonly entry: TeamInSeason; readonly tr: Translator }) => entry.season,
  ({ entry, tr }) => `${entry.team}|${objectKey(tr)}`,
  ({ entry, tr }) => teamSeasonLine(entry, tr),
);

/** The field listing the club's seasons; null when it played only one of the loaded seasons. */
export const teamSeasonsField = (entries: readonly TeamInSeason[], tr: Translator = englishTr()): APIEmbedField | null =>
  entries.length < 2 ? null : { name: tr.t('team.seasons.field'), value: entries.map((entry) => keptSeasonLine({ entry, tr })).join('\n') };
