import type { APIEmbedField } from 'discord.js';
import { isFinalStage, isSingleLeg } from '../../domain/format.js';
import type { BracketStage } from '../../domain/ties.js';
import type { Season, TeamId, TieResult } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { fixtureLines, formatDate, listNamesOf, tieOutcome, tieWordsOf } from './match-format.js';
import type { TieWords } from './match-format.js';
import { STAGE_COLOURS, seasonFooter } from './theme.js';
import { escapeText, truncate } from './text.js';
import { dateOnlyText, englishTr, knownWordsFor, roundText, stageTitle } from './words.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "12 March": a draw date in a sentence (the year is the season's). */
const shortDate = (iso: string): string => {
  const [, month, day] = iso.split('-').map(Number);
  const name = month === undefined ? undefined : MONTH_NAMES[month - 1];
  return day === undefined || name === undefined ? formatDate(iso) : `${day} ${name}`;
};

const tieField = (tie: TieResult, season: Season, teamName: (id: TeamId) => string, tr: Translator): APIEmbedField => {
  const name = listNamesOf(season.teams, teamName);
  const words: TieWords = tieWordsOf(season, tr);
  const [a, b] = tie.teams;
  // The legs in order, first leg first: their dates say which is which.
  const legs = tie.legs.flatMap((leg) => fixtureLines(leg, name, undefined, words));
  const outcome = tieOutcome(tie, name, words);
  const played = tie.legs.some((leg) => leg.status !== 'scheduled' && leg.status !== 'postponed');
  const status = outcome !== null ? `➡️ ${outcome}` : tr.t(played ? 'bracket.secondLegToCome' : 'bracket.notPlayedYet');
  // The final (the format's last knockout round) is one tie: its name alone.
  const round = isFinalStage(season, tie.stage)
    ? stageTitle(season, tie.stage, tr)
    : roundText({ stage: tie.stage, group: null, matchday: null, tie: tie.tie, leg: null }, tr, { season });
  return {
    name: truncate(tr.t('bracket.tieTitle', { round, home: tr.name(name(a)), away: tr.name(name(b)) }), 256),
    value: truncate([...legs, status].join('\n'), 1024),
  };
};

/** How the rounds shown are decided, from the season's format: two legs, one match, or both. */
const rulesOf = (season: Season, stages: readonly BracketStage[], tr: Translator): string[] => {
  const single = stages.filter((entry) => isSingleLeg(season, entry.stage));
  const twoLegged = single.length < stages.length || stages.length === 0;
  return [...(twoLegged ? [tr.t('bracket.rules')] : []), ...(single.length > 0 ? [tr.t('bracket.rulesSingleLeg')] : [])];
};

/**
 * Quarter-finals to the final: both legs of every tie, and who went through and how. A stage whose
 * pairings are not known yet says when its draw is, or which round it waits for.
 */
export const renderBracket = (
  season: Season,
  stages: readonly BracketStage[],
  teamName: (id: TeamId) => string,
  tr: Translator = englishTr(),
): MessagePayload => {
  const fields: APIEmbedField[] = [];
  for (const entry of stages) {
    const label = stageTitle(season, entry.stage, tr);
    if ('drawOn' in entry) fields.push({ name: label, value: tr.t('bracket.drawOn', { date: dateOnlyText(entry.drawOn, shortDate, tr) }) });
    else if ('waitingFor' in entry) {
      // "Winners of the semi-finals" for a stage the format makes one, whatever its code.
      const key = `bracket.winnersOf.${knownWordsFor(season, entry.waitingFor) ?? entry.waitingFor}`;
      fields.push({ name: label, value: tr.has(key) ? tr.t(key) : stageTitle(season, entry.waitingFor, tr) });
    }
    else if (entry.ties.length === 0) fields.push({ name: label, value: tr.t('bracket.pairingsNotPublished') });
    else fields.push(...entry.ties.map((t) => tieField(t, season, teamName, tr)));
  }
  const champion = season.champion === null ? null : tr.t('bracket.champion', { team: tr.name(escapeText(teamName(season.champion))) });
  return fitMessage({
    embeds: [
      {
        title: tr.t('bracket.title'),
        description: [champion ?? tr.t('bracket.noChampion'), ...rulesOf(season, stages, tr)].join('\n'),
        color: STAGE_COLOURS.final,
        fields,
        footer: seasonFooter(season, undefined, tr),
      },
    ],
  });
};
