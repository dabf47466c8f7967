import type { APIEmbedField } from 'discord.js';
import { KNOCKOUT_STAGES, STAGE_LABEL } from '../../domain/types.js';
import type { CalendarEntry, Season, Stage, TeamId, TieResult } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { escapedNames, fixtureLines, formatDate, listNames, tieOutcome } from './match-format.js';
import type { TieWords } from './match-format.js';
import { STAGE_COLOURS, seasonFooter } from './theme.js';
import { escapeText, truncate } from './text.js';
import { roundName } from './words.js';

/**
 * The draw that made a stage's pairings: the last draw in the calendar on or before the stage's
 * first day (the quarter-final and semi-final draw also sets the final). Null when the calendar has none.
 */
export const drawFor = (season: Season, stage: Stage): CalendarEntry | null => {
  const start = season.calendar.filter((e) => e.stage === stage && e.kind !== 'draw').map((e) => e.startDate).sort()[0];
  if (start === undefined) return null;
  const draws = season.calendar.filter((e) => e.kind === 'draw' && e.startDate <= start).sort((a, b) => a.startDate.localeCompare(b.startDate));
  return draws[draws.length - 1] ?? null;
};

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "12 March": a draw date in a sentence (the year is the season's). */
const shortDate = (iso: string): string => {
  const [, month, day] = iso.split('-').map(Number);
  const name = month === undefined ? undefined : MONTH_NAMES[month - 1];
  return day === undefined || name === undefined ? formatDate(iso) : `${day} ${name}`;
};

const tieField = (tie: TieResult, season: Season, teamName: (id: TeamId) => string): APIEmbedField => {
  const name = escapedNames(listNames(season.teams, teamName));
  const words: TieWords = { competition: season.competition };
  const [a, b] = tie.teams;
  const legs = tie.legs.flatMap((leg) => fixtureLines(leg, name, undefined, words, leg.leg === null ? '' : `${leg.leg === 1 ? '1st' : '2nd'} leg: `));
  const outcome = tieOutcome(tie, name, words);
  const played = tie.legs.some((leg) => leg.status !== 'scheduled' && leg.status !== 'postponed');
  const status = outcome !== null ? `➡️ ${outcome}` : played ? 'Second leg to come' : 'Not played yet';
  const title = tie.stage === 'final' ? STAGE_LABEL.final : roundName({ stage: tie.stage, group: null, matchday: null, tie: tie.tie, leg: null });
  return {
    name: truncate(`${title} · ${name(a)} v ${name(b)}`, 256),
    value: truncate([...legs, status].join('\n'), 1024),
  };
};

/**
 * Quarter-finals to the final: both legs of every tie, and who went through and how. A stage's
 * pairings show only from the day of its draw; before it, the draw date.
 */
export const renderBracket = (season: Season, ties: readonly TieResult[], teamName: (id: TeamId) => string, now: Date): MessagePayload => {
  const today = now.toISOString().slice(0, 10);
  const fields: APIEmbedField[] = [];
  for (const stage of KNOCKOUT_STAGES) {
    const draw = drawFor(season, stage);
    const stageTies = ties.filter((t) => t.stage === stage);
    if (draw !== null && today < draw.startDate) fields.push({ name: STAGE_LABEL[stage], value: `Draw on ${shortDate(draw.startDate)}` });
    else if (stageTies.length === 0) fields.push({ name: STAGE_LABEL[stage], value: 'Pairings not published yet' });
    else fields.push(...stageTies.map((t) => tieField(t, season, teamName)));
  }
  const champion = season.champion === null ? null : `🏆 Champions: **${escapeText(teamName(season.champion))}**`;
  return fitMessage({
    embeds: [
      {
        title: 'Knockout stage',
        description: [champion ?? 'No champion yet.', 'Ties over two legs: aggregate score, then away goals, then penalties.'].join('\n'),
        color: STAGE_COLOURS.final,
        fields,
        footer: seasonFooter(season),
      },
    ],
  });
};
