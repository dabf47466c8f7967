import { time, TimestampStyles } from 'discord.js';
import { finalStage } from '../../domain/format.js';
import { innerWeakMap } from '../../domain/memo.js';
import type { Match, Score, Season, Stage, Team, TeamId, TieResult } from '../../domain/types.js';
import { escapeText } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { cupName, dateOnlyText, englishTr, phrase } from './words.js';

/** Team names as the renderers need them, escaped for markdown. */
export type NameOf = (id: TeamId) => string;

export const escapedNames = (teamName: (id: TeamId) => string): NameOf => (id) => escapeText(teamName(id));

/** The name for narrow lists and buttons: the team's known short form, else its full name. */
export const listNames = (teams: readonly Pick<Team, 'id' | 'name' | 'shortName'>[], fallback: (id: TeamId) => string): ((id: TeamId) => string) => {
  const short = new Map(teams.map((t) => [t.id, t.shortName ?? t.name]));
  return (id) => short.get(id) ?? fallback(id);
};

type TeamList = readonly Pick<Team, 'id' | 'name' | 'shortName'>[];
const keptListNames = new WeakMap<TeamList, WeakMap<(id: TeamId) => string, NameOf>>();

/**
 * listNames, escaped, as one function per team list and full-name function: lines kept by their
 * names function (fixtures.ts) find it again, and a card does not map every club of the season again.
 */
export const listNamesOf = (teams: TeamList, fallback: (id: TeamId) => string): NameOf => {
  const perTeams = innerWeakMap(keptListNames, teams);
  let name = perTeams.get(fallback);
  if (name === undefined) {
    name = escapedNames(listNames(teams, fallback));
    perTeams.set(fallback, name);
  }
  return name;
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A local date written as text ("Sun 3 Dec 2023"). A Discord timestamp would shift it into the
 * viewer's zone and could show the wrong day, so a date without a time stays text.
 */
export const formatDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) return isoDate;
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? '';
  return `${weekday} ${d} ${MONTHS[m - 1] ?? ''} ${y}`;
};

/** "12 May – 19 May 2024" style range, or a single day. */
export const formatDateRange = (start: string, end: string): string =>
  start === end ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;

const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * When a match is (or was) played, in one format per list: a Discord timestamp (shown in each
 * viewer's own zone) where the kickoff is known, the local date as text where only the date is.
 * A list says "time not published" once, in its heading (see `missingTimes`), not on every line.
 */
export const kickoffText = (match: Pick<Match, 'kickoff' | 'date' | 'status'>, tr: Translator = englishTr()): string => {
  if (match.kickoff !== null) return time(new Date(unix(match.kickoff) * 1000), TimestampStyles.ShortDateTime);
  if (match.date !== null) return dateOnlyText(match.date, formatDate, tr);
  return tr.t(match.status === 'walkover' ? 'words.status.noMatchPlayed' : 'words.status.dateNotPublished');
};

/** For a heading: "time not published" when no match of the list has a known kickoff, a softer note when some lack one. */
export const missingTimes = (matches: readonly Pick<Match, 'kickoff' | 'date'>[], tr: Translator = englishTr()): string | null => {
  const dated = matches.filter((m) => m.date !== null || m.kickoff !== null);
  const untimed = dated.filter((m) => m.kickoff === null).length;
  if (untimed === 0) return null;
  return tr.t(untimed === dated.length ? 'words.status.timeNotPublished' : 'words.status.someTimesNotPublished');
};

export const formatScore = (score: Score): string => `${score.home}–${score.away}`;

/** True for a match whose day passed with no published result (never shown as played). */
export const resultMissing = (match: Match): boolean =>
  (match.status === 'played' && match.score === null) || (match.status === 'scheduled' && match.resultNotPublished);

/** The score part of a fixture line, between the two team names (home–away order, like the names). */
export const scoreCell = (match: Match, tr: Translator = englishTr()): string => {
  const versus = phrase(tr, 'words.score.versus');
  // A score is a left-to-right unit: in an Arabic line "2–1" would otherwise read "1–2".
  const score = (s: Score): string => tr.name(formatScore(s));
  switch (match.status) {
    case 'played': {
      if (match.score === null) return versus;
      const pens = match.penalties ? score(match.penalties) : null;
      const extras =
        match.extraTime && pens !== null
          ? tr.t('words.score.extraTimePenalties', { score: pens })
          : match.extraTime
            ? phrase(tr, 'words.score.extraTime')
            : pens !== null
              ? tr.t('words.score.penalties', { score: pens })
              : null;
      return `**${score(match.score)}**${extras !== null ? ` (${extras})` : ''}`;
    }
    case 'awarded':
    case 'walkover':
      return match.decision?.score ? `**${score(match.decision.score)}**` : versus;
    default: {
      // A match being played: the score so far from the goals saved, not in bold (not a result).
      const running = runningScore(match);
      return running === null ? versus : score(running);
    }
  }
};

/** The score so far of a match being played (scheduled, no result, goals saved); null otherwise. */
export const runningScore = (match: Match): Score | null => {
  if (match.status !== 'scheduled' || match.score !== null || match.resultNotPublished || match.goals.length === 0) return null;
  return { home: match.goals.filter((g) => g.team === match.home).length, away: match.goals.filter((g) => g.team === match.away).length };
};

/** A short plain marker for anything that is not a plain result or a plain fixture; null otherwise. */
export const statusMarker = (match: Match, name: NameOf, tr: Translator = englishTr()): string | null => {
  if (resultMissing(match)) return phrase(tr, 'words.status.resultNotPublished');
  switch (match.status) {
    case 'awarded': {
      if (!match.decision) return phrase(tr, 'words.status.awarded');
      const team = tr.name(name(match.decision.winner));
      return tr.t(match.decision.score ? 'words.status.awardedTo' : 'words.status.awardedToNoScore', { team });
    }
    case 'walkover':
      return match.decision ? tr.t('words.status.walkoverThrough', { team: tr.name(name(match.decision.winner)) }) : phrase(tr, 'words.status.walkover');
    case 'postponed':
      return phrase(tr, 'words.status.postponed');
    case 'cancelled':
      return phrase(tr, 'words.status.cancelled');
    default:
      return runningScore(match) === null ? null : phrase(tr, 'words.status.inProgress');
  }
};

/** "USM Alger **2–1** Modern Future": the score sits between the names, in their order. */
export const matchLine = (match: Match, name: NameOf, tr: Translator = englishTr()): string =>
  `${tr.name(name(match.home))} ${scoreCell(match, tr)} ${tr.name(name(match.away))}`;

/** The aggregate from one team's side: "3–1" for the team given first. */
const aggregateFrom = (tie: TieResult, team: TeamId): string | null => {
  if (tie.aggregate === null) return null;
  const [a, b] = tie.aggregate;
  return team === tie.teams[0] ? `${a}–${b}` : `${b}–${a}`;
};

/** The shoot-out of the deciding leg, winner's count first. */
const shootout = (tie: TieResult, winner: TeamId): string | null => {
  const leg = [...tie.legs].reverse().find((l) => l.penalties !== null);
  if (!leg?.penalties) return null;
  const { home, away } = leg.penalties;
  return leg.home === winner ? `${home}–${away}` : `${away}–${home}`;
};

export interface TieWords {
  /** The competition's name, for the final ("Zamalek win the Confederation Cup…"). */
  readonly competition: string;
  /** The reply's language (English where a caller gives none). */
  readonly tr?: Translator;
  /**
   * The code of the season's final (the format's last knockout round), whose winner wins the cup;
   * null when the season has none. Absent: CAF's code `final`.
   */
  readonly final?: Stage | null;
}

/** The words a season's ties are told in: its competition and its final, read from the format. */
export const tieWordsOf = (season: Pick<Season, 'competition' | 'format'>, tr?: Translator): TieWords => ({
  competition: season.competition,
  final: finalStage(season)?.code ?? null,
  ...(tr === undefined ? {} : { tr }),
});

const isFinalOf = (tie: TieResult, words: TieWords): boolean => tie.stage === (words.final === undefined ? 'final' : words.final);

/**
 * Who goes through and how, naming only that team so the aggregate reads from its side:
 * "USM Alger through, 3–1 on aggregate", "Zamalek win the Confederation Cup on away goals (2–2 on
 * aggregate)". Null while the tie is undecided.
 */
export const tieOutcome = (tie: TieResult, name: NameOf, words: TieWords): string | null => {
  const winner = tie.winner;
  if (winner === null) return null;
  const tr = words.tr ?? englishTr();
  const team = tr.name(name(winner));
  const lead = isFinalOf(tie, words) ? tr.t('words.tie.wins', { team, cup: cupName(words.competition, tr) }) : tr.t('words.tie.through', { team });
  // A tie of one match (a single-leg final) has no aggregate to speak of: its score is on the line above.
  const agg = tie.legs.length === 1 ? null : aggregateFrom(tie, winner);
  const aggregate = agg === null ? null : tr.t('words.tie.aggregate', { score: tr.name(agg) });
  /** `key`, or `keyAggregate` with the aggregate when it is known. */
  const withAggregate = (key: string): string =>
    aggregate === null ? tr.t(`words.tie.${key}`, { lead }) : tr.t(`words.tie.${key}Aggregate`, { lead, aggregate });
  switch (tie.decidedBy) {
    case 'walkover':
      return tr.t('words.tie.walkover', { lead });
    case 'away_goals':
      return withAggregate('awayGoals');
    case 'penalties': {
      const pens = shootout(tie, winner);
      if (pens === null) return withAggregate('penalties');
      const score = tr.name(pens);
      return aggregate === null
        ? tr.t('words.tie.penaltiesShootout', { lead, score })
        : tr.t('words.tie.penaltiesShootoutAggregate', { lead, score, aggregate });
    }
    case 'extra_time':
      return withAggregate('extraTime');
    case 'awarded':
      return withAggregate('awarded');
    default:
      if (tie.legs.length === 1) return lead;
      return aggregate === null ? tr.t('words.tie.noAggregate', { lead }) : tr.t('words.tie.onAggregate', { lead, aggregate });
  }
};

/** From the losing side, for a team's own card: "runners-up" in the final, "out" before it. */
export const tieOutcomeFor = (tie: TieResult, team: TeamId, name: NameOf, words: TieWords): string | null => {
  const outcome = tieOutcome(tie, name, words);
  if (outcome === null || tie.winner === team) return outcome;
  return (words.tr ?? englishTr()).t(isFinalOf(tie, words) ? 'words.tie.runnersUp' : 'words.tie.eliminated', { outcome });
};

/** The deciding leg of a tie: the last leg, once the tie is decided. */
export const isDecidingLeg = (tie: TieResult, match: Match): boolean =>
  tie.winner !== null && tie.legs[tie.legs.length - 1]?.id === match.id;

/** Ties keyed by the ids of their legs, so a fixture line can find its tie. */
export const tiesByMatch = (ties: readonly TieResult[]): ReadonlyMap<string, TieResult> => {
  const map = new Map<string, TieResult>();
  for (const tie of ties) for (const leg of tie.legs) map.set(leg.id, tie);
  return map;
};

/** Width of a line as a fan's screen shows it: no markdown, a timestamp as wide as its usual rendering. */
export const displayLength = (line: string): number => {
  let text = line;
  // As wide as the widest common rendering (en-US, a September evening); en-GB is shorter.
  if (text.includes('<t:')) text = text.replace(/<t:\d+:f>/g, 'September 30, 2023 10:00 PM').replace(/<t:\d+:[A-Za-z]>/g, 'in 3 days');
  if (text.includes('\\')) text = text.replace(/\\(.)/g, '$1');
  return codePoints(text.replace(/\*\*|__|`|\u200b|[\u2066-\u2069]/g, ''));
};

/** The characters as a screen counts them: code points (a surrogate pair is one), without Array.from's array. */
const codePoints = (text: string): number => {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count -= 1;
      i += 1;
    }
  }
  return count;
};

interface LineParts {
  readonly when: string;
  readonly teams: string;
  readonly marker: string | null;
}

// A match's words in a list are the same in every list of one language and names function (both
// clubs' cards, /fixtures, /next): kept per Match object, which a new data version or clock step replaces.
const keptParts = new WeakMap<Match, WeakMap<NameOf, WeakMap<Translator, LineParts>>>();

const lineParts = (match: Match, name: NameOf, tr: Translator): LineParts => {
  const byLanguage = innerWeakMap(innerWeakMap(keptParts, match), name);
  let parts = byLanguage.get(tr);
  if (parts === undefined) {
    parts = { when: kickoffText(match, tr), teams: matchLine(match, name, tr), marker: statusMarker(match, name, tr) };
    byLanguage.set(tr, parts);
  }
  return parts;
};

/** A fixture line fits a phone screen without wrapping (checked by the crawl test). */
export const FIXTURE_LINE_MAX = 60;

/**
 * A match as list lines: "when · Home 2–1 Away", then its marker and, on the deciding leg, who went
 * through. A line too wide for a phone puts the teams on their own line instead of cutting a name.
 */
export const fixtureLines = (match: Match, name: NameOf, tie: TieResult | undefined, words: TieWords, prefix = ''): string[] => {
  const tr = words.tr ?? englishTr();
  const { when, teams, marker: ownMarker } = lineParts(match, name, tr);
  const outcome = tie && isDecidingLeg(tie, match) ? tieOutcome(tie, name, words) : null;
  // A walkover that decides its tie is said once, by the tie's outcome.
  const marker = match.status === 'walkover' && outcome !== null ? null : ownMarker;
  const lines: string[] = [];
  const whole = `${prefix}${when} · ${teams}`;
  if (displayLength(whole) <= FIXTURE_LINE_MAX) lines.push(whole);
  else lines.push(`${prefix}${when}`, teams);
  if (marker !== null) {
    const last = lines[lines.length - 1] ?? '';
    if (displayLength(`${last} · ${marker}`) <= FIXTURE_LINE_MAX) lines[lines.length - 1] = `${last} · ${marker}`;
    else lines.push(`↳ ${marker}`);
  }
  if (outcome !== null) lines.push(`↳ ${outcome}`);
  return lines;
};
