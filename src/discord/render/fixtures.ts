import { time, TimestampStyles } from 'discord.js';
import type { APIEmbed } from 'discord.js';
import { memoBySeasonKey, objectKey } from '../../domain/memo.js';
import { stageOrder } from '../../domain/season-index.js';
import { groupLabels, isFinalStage, isGroupStage, isSingleLeg, shownGroup } from '../../domain/format.js';
import type { Translator } from '../../i18n/index.js';
import type { GroupId, Match, Season, Stage, TieResult } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { fixtureLines, listNamesOf, missingTimes, tiesByMatch, tieWordsOf } from './match-format.js';
import type { NameOf, TieWords } from './match-format.js';
import { clampPage, packSections, pagerRow } from './paging.js';
import type { Section } from './paging.js';
import { seasonFooter, stageColour } from './theme.js';
import { escapeText } from './text.js';
import { englishTr, groupName, groupTitle, legsHeading, stageTitle } from './words.js';

/** Room for one page of fixtures: well under the 4096 description limit, and easy to read on a phone. */
export const FIXTURES_PAGE_BUDGET = 3000;

export interface FixturesView {
  readonly season: Season;
  readonly teamName: (id: string) => string;
  /** The selected matches, chronological. */
  readonly matches: readonly Match[];
  /** Every tie of the season, to say who went through on deciding legs. */
  readonly ties: readonly TieResult[];
  /** What was asked for, e.g. "Results · RS Berkane". */
  readonly heading: string;
  /** Newest round first (results), instead of chronological. */
  readonly newestFirst: boolean;
  /** Say when a round still to come starts ("in 3 days"), once in its heading. */
  readonly relative: boolean;
  /** 1-based; clamped to the pages that exist. */
  readonly page: number;
  /** custom_id for a page's button (see `pagerRow`). */
  readonly pageId: (page: number, role: 'go' | 'label') => string;
  /** Said when nothing matches. */
  readonly emptyText: string;
  /** The reply's language (English where none is given). */
  readonly tr?: Translator;
}

interface Round {
  readonly key: string;
  /** Sort key: stage, then matchday or leg (walkovers after the legs of their round). */
  readonly order: number;
  readonly stage: Stage;
  readonly heading: string;
  readonly matches: Match[];
}

/**
 * Group matchdays across all groups; each leg of a knockout or qualifying round; walkovers apart.
 * The heading is a function: it is said once per round, not once per match.
 */
const roundOf = (season: Pick<Season, 'format'>, match: Match, tr: Translator): { key: string; order: number; heading: () => string } => {
  const stage = stageOrder(season, match.stage) * 100;
  const stageName = stageTitle(season, match.stage, tr);
  if (isGroupStage(season, match.stage)) {
    return match.matchday === null
      ? { key: 'group', order: stage + 99, heading: () => stageName }
      : {
          key: `group-MD${match.matchday}`,
          order: stage + match.matchday,
          heading: () => tr.t('fixtures.round.matchday', { stage: stageName, n: tr.number(match.matchday ?? 0) }),
        };
  }
  if (match.leg === null) {
    const single = isSingleLeg(season, match.stage) && match.status !== 'walkover';
    return { key: `${match.stage}-x`, order: stage + 99, heading: () => (single ? stageName : tr.t('fixtures.round.walkovers', { stage: stageName })) };
  }
  // The final is one tie ("Final, first leg"); other rounds have several ("Quarter-finals, first legs").
  const leg = match.leg;
  const many = !isFinalStage(season, match.stage);
  return {
    key: `${match.stage}-L${leg}`,
    order: stage + leg,
    heading: () => tr.t('fixtures.round.legs', { stage: stageName, legs: legsHeading(leg, many, tr) }),
  };
};

export const groupByRound = (season: Pick<Season, 'format'>, matches: readonly Match[], tr: Translator = englishTr()): Round[] => {
  const rounds = new Map<string, Round>();
  for (const match of matches) {
    const { key, order, heading } = roundOf(season, match, tr);
    const round = rounds.get(key);
    if (round) round.matches.push(match);
    else rounds.set(key, { key, order, stage: match.stage, heading: heading(), matches: [match] });
  }
  return [...rounds.values()].sort((a, b) => a.order - b.order);
};

const groupRank = (season: Pick<Season, 'format'>, g: GroupId | null): number => (g === null ? groupLabels(season).length : groupLabels(season).indexOf(g));

/** A round's heading: its name, "time not published" once for the round, and when it starts if still to come. */
const roundHeading = (round: Round, relative: boolean, onlyGroup: GroupId | null, tr: Translator): string => {
  const next = relative ? round.matches.find((m) => m.kickoff !== null && (m.status === 'scheduled' || m.status === 'postponed')) : undefined;
  const extras = [
    missingTimes(round.matches, tr),
    next?.kickoff ? tr.t('fixtures.round.starts', { when: time(new Date(Date.parse(next.kickoff)), TimestampStyles.RelativeTime) }) : null,
  ];
  const name = onlyGroup === null ? round.heading : `${round.heading} · ${groupName(onlyGroup, tr)}`;
  return [`**${name}**`, ...extras.filter((x): x is string => x !== null)].join(' · ');
};

/**
 * One match's lines, kept per match object and the very season, names, tie and language they were made
 * from: a /fixtures question asked for the first time (another team, stage, group, matchday or page)
 * mostly lists matches an earlier question listed, so it no longer formats them again (issue 15).
 * The words are the season's (its competition and format) in the reply's language.
 */
const keptLines = new WeakMap<Match, Map<string, readonly string[]>>();
const matchLines = (season: object, match: Match, name: NameOf, tie: TieResult | undefined, words: TieWords & { readonly tr: Translator }): readonly string[] => {
  let perMatch = keptLines.get(match);
  if (perMatch === undefined) {
    perMatch = new Map();
    keptLines.set(match, perMatch);
  }
  const key = `${objectKey(season)}|${objectKey(name)}|${objectKey(words.tr)}|${tie === undefined ? '' : objectKey(tie)}`;
  let lines = perMatch.get(key);
  if (lines === undefined) {
    lines = fixtureLines(match, name, tie, words);
    // A few seasons × languages at most; a name function or tie of a replaced season ends the list.
    if (perMatch.size >= 16) perMatch.clear();
    perMatch.set(key, lines);
  }
  return lines;
};

/** A round's lines; a matchday of several groups is listed group by group, in the season's group order. */
const roundLines = (
  season: Pick<Season, 'format'>,
  round: Round,
  name: NameOf,
  ties: ReadonlyMap<string, TieResult>,
  words: TieWords & { readonly tr: Translator },
): { lines: string[]; onlyGroup: GroupId | null } => {
  const linesOf = (ms: readonly Match[]): string[] => ms.flatMap((m) => matchLines(season, m, name, ties.get(m.id), words));
  if (!isGroupStage(season, round.stage)) return { lines: linesOf(round.matches), onlyGroup: null };
  const groups = [...new Set(round.matches.map((m) => m.group))].sort((a, b) => groupRank(season, a) - groupRank(season, b));
  // One group: named in the heading, unless it is a league phase's unnamed group (the heading says the stage).
  if (groups.length === 1) return { lines: linesOf(round.matches), onlyGroup: shownGroup(season, groups[0] ?? null) };
  return {
    lines: groups.flatMap((g) => [
      `__${g === null ? stageTitle(season, round.stage, words.tr) : groupTitle(season, g, words.tr)}__`,
      ...linesOf(round.matches.filter((m) => m.group === g)),
    ]),
    onlyGroup: null,
  };
};

export interface FixturePages {
  readonly pages: readonly string[];
  /** The stage of each page's first round, for its colour. */
  readonly stages: readonly (Stage | null)[];
}

type PagesInput = Omit<FixturesView, 'page' | 'pageId' | 'heading' | 'emptyText'>;

/**
 * The pages of a list of fixtures. They read nothing but the view (no clock: a round still to come
 * says when as a relative timestamp), so they are kept per Season object and the very matches, ties,
 * names and language they were made from: paging through a list, or asking it again, builds it once.
 */
export const fixturePages = (view: PagesInput): FixturePages => pagesOf(view);

const pagesKey = (view: PagesInput): string =>
  [
    objectKey(view.tr ?? englishTr()),
    objectKey(view.teamName),
    view.newestFirst ? 1 : 0,
    view.relative ? 1 : 0,
    view.matches.map(objectKey).join(','),
    view.ties.map(objectKey).join(','),
  ].join('|');

const buildPages = (view: PagesInput): FixturePages => {
  const tr = view.tr ?? englishTr();
  const name = listNamesOf(view.season.teams, view.teamName);
  const ties = tiesByMatch(view.ties);
  const words = { ...tieWordsOf(view.season), tr };
  const rounds = groupByRound(view.season, view.matches, tr);
  if (view.newestFirst) rounds.reverse();
  const headings: string[] = [];
  const sections: Section[] = rounds.map((round) => {
    const { lines, onlyGroup } = roundLines(view.season, round, name, ties, words);
    const heading = roundHeading(round, view.relative, onlyGroup, tr);
    headings.push(heading);
    return { heading, lines };
  });
  const pages = packSections(sections, FIXTURES_PAGE_BUDGET, (heading) => tr.t('paging.continued', { heading }));
  // A page's colour follows the first round printed on it.
  const stages = pages.map((page) => rounds.find((_, i) => page.includes(headings[i] ?? '\u0000'))?.stage ?? null);
  return { pages, stages };
};

const pagesOf = memoBySeasonKey((view: PagesInput) => view.season, pagesKey, buildPages);

/** One page of fixtures with ◀ page x/y ▶ buttons when there is more than one. */
export const renderFixtures = (view: FixturesView): MessagePayload => {
  const tr = view.tr ?? englishTr();
  const { pages, stages } = fixturePages(view);
  const pageCount = Math.max(1, pages.length);
  const page = clampPage(view.page, pageCount);
  const embed: APIEmbed = {
    title: escapeText(view.heading),
    description: pages[page - 1] ?? view.emptyText,
    color: stageColour(stages[page - 1] ?? null, view.season),
    footer: seasonFooter(view.season, undefined, tr),
  };
  const label = tr.t('paging.label', { page: tr.number(page), count: tr.number(pageCount) });
  return fitMessage({
    embeds: [embed],
    components: pageCount > 1 ? [pagerRow(page, pageCount, view.pageId, label)] : [],
  });
};
