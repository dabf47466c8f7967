import type { APIEmbed } from 'discord.js';
import { stageOrder } from '../../domain/season-index.js';
import type { Match, Season, Stage, TieResult } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { escapedNames, kickoffText, matchLine, statusMarker, tieSummary, tiesByMatch } from './match-format.js';
import type { NameOf } from './match-format.js';
import { clampPage, packSections, pagerRow } from './paging.js';
import type { Section } from './paging.js';
import { seasonFooter, stageColour } from './theme.js';
import { STAGE_LABEL } from '../../domain/types.js';
import { escapeText } from './text.js';

/** Room for one page of fixtures: well under the 4096 description limit, and easy to read on a phone. */
export const FIXTURES_PAGE_BUDGET = 3000;

export interface FixturesView {
  readonly season: Season;
  readonly teamName: (id: string) => string;
  /** The selected matches, chronological. */
  readonly matches: readonly Match[];
  /** Every tie of the season, to show aggregates on deciding legs. */
  readonly ties: readonly TieResult[];
  /** What was asked for, e.g. "Results · RS Berkane". */
  readonly heading: string;
  /** Newest round first (results), instead of chronological. */
  readonly newestFirst: boolean;
  /** Add a relative time ("in 3 days") to kickoffs still to come. */
  readonly relative: boolean;
  /** 1-based; clamped to the pages that exist. */
  readonly page: number;
  /** custom_id for a page's button (see `pagerRow`). */
  readonly pageId: (page: number, role: 'go' | 'label') => string;
  /** Said when nothing matches. */
  readonly emptyText: string;
}

interface Round {
  readonly key: string;
  /** Sort key: stage, then matchday or leg (walkovers after the legs of their round). */
  readonly order: number;
  readonly stage: Stage;
  readonly heading: string;
  readonly matches: Match[];
}

/** Group matchdays across all groups; each leg of a knockout or qualifying round; walkovers apart. */
const roundOf = (match: Match): { key: string; order: number; heading: string } => {
  const stage = stageOrder(match.stage) * 10;
  if (match.stage === 'group') {
    return match.matchday === null
      ? { key: 'group', order: stage + 9, heading: STAGE_LABEL.group }
      : { key: `group-MD${match.matchday}`, order: stage + match.matchday, heading: `${STAGE_LABEL.group} · Matchday ${match.matchday}` };
  }
  if (match.leg === null) {
    const single = match.stage === 'final' && match.status !== 'walkover';
    return { key: `${match.stage}-x`, order: stage + 9, heading: single ? STAGE_LABEL.final : `${STAGE_LABEL[match.stage]} · walkovers` };
  }
  return { key: `${match.stage}-L${match.leg}`, order: stage + match.leg, heading: `${STAGE_LABEL[match.stage]} · Leg ${match.leg}` };
};

export const groupByRound = (matches: readonly Match[]): Round[] => {
  const rounds = new Map<string, Round>();
  for (const match of matches) {
    const { key, order, heading } = roundOf(match);
    const round = rounds.get(key);
    if (round) round.matches.push(match);
    else rounds.set(key, { key, order, stage: match.stage, heading, matches: [match] });
  }
  return [...rounds.values()].sort((a, b) => a.order - b.order);
};

/** Where in its round a match sits: the group letter, or the tie number. */
const slotLabel = (match: Match): string | null =>
  match.group !== null ? match.group : match.tie !== null && match.stage !== 'final' ? `T${match.tie}` : null;

export const fixtureLine = (match: Match, name: NameOf, tie: TieResult | undefined, relative: boolean): string => {
  const upcoming = match.status === 'scheduled' || match.status === 'postponed';
  const parts = [kickoffText(match, { relative: relative && upcoming })];
  const slot = slotLabel(match);
  if (slot !== null) parts.push(`\`${slot}\``);
  parts.push(matchLine(match, name));
  const marker = statusMarker(match, name);
  if (marker !== null) parts.push(marker);
  const summary = tie ? tieSummary(tie, match, name) : null;
  if (summary !== null) parts.push(summary);
  return parts.join(' · ');
};

export interface FixturePages {
  readonly pages: readonly string[];
  /** The stage of each page's first round, for its colour. */
  readonly stages: readonly (Stage | null)[];
}

export const fixturePages = (view: Omit<FixturesView, 'page' | 'pageId' | 'heading' | 'emptyText'>): FixturePages => {
  const name = escapedNames(view.teamName);
  const ties = tiesByMatch(view.ties);
  const rounds = groupByRound(view.matches);
  if (view.newestFirst) rounds.reverse();
  const sections: Section[] = rounds.map((round) => ({
    heading: `**${round.heading}**`,
    lines: round.matches.map((m) => fixtureLine(m, name, ties.get(m.id), view.relative)),
  }));
  const pages = packSections(sections, FIXTURES_PAGE_BUDGET);
  // A page's colour follows the first round printed on it.
  const stages = pages.map((page) => rounds.find((r) => page.includes(`**${r.heading}**`))?.stage ?? null);
  return { pages, stages };
};

/** One page of fixtures with ◀ page x/y ▶ buttons when there is more than one. */
export const renderFixtures = (view: FixturesView): MessagePayload => {
  const { pages, stages } = fixturePages(view);
  const pageCount = Math.max(1, pages.length);
  const page = clampPage(view.page, pageCount);
  const embed: APIEmbed = {
    title: escapeText(view.heading),
    description: pages[page - 1] ?? view.emptyText,
    color: stageColour(stages[page - 1] ?? null),
    footer: seasonFooter(view.season),
  };
  return fitMessage({
    embeds: [embed],
    components: pageCount > 1 ? [pagerRow(page, pageCount, view.pageId)] : [],
  });
};
