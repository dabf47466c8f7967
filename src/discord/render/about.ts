import { time, TimestampStyles } from 'discord.js';
import type { APIEmbedField } from 'discord.js';
import { indexSeason } from '../../domain/season-index.js';
import type { Season, StatsReport, TeamId } from '../../domain/types.js';
import { fitMessage, LIMITS } from './limits.js';
import type { MessagePayload } from './limits.js';
import { missingGoalsOf } from './goals.js';
import { resultMissing } from './match-format.js';
import { dataDate, SEASON_COLOUR, seasonFooter } from './theme.js';
import { codeText, escapeText } from './text.js';
import type { Translator } from '../../i18n/index.js';
import { totalsLine } from './totals.js';
import { englishTr } from './words.js';

export interface SourceCoverage {
  readonly sourced: number;
  readonly total: number;
}

/** How many records of the season carry at least one source (every record should). */
export const sourceCoverage = (season: Season): SourceCoverage => {
  const records: { readonly sources: readonly string[] }[] = [
    ...season.associations,
    ...season.teams,
    ...season.matches,
    ...season.calendar,
    season.rankingCriteria,
    ...(season.printedTotals === null ? [] : [season.printedTotals]),
    ...season.conflicts,
    ...season.gaps,
  ];
  return { sourced: records.filter((r) => r.sources.some((s) => s.trim().length > 0)).length, total: records.length };
};

/** "3d 4h 12m", « 3 j 4 h 12 min » */
export const formatUptime = (ms: number, tr: Translator = englishTr()): string => {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [
    d ? tr.t('about.uptime.days', { n: d }) : null,
    d || h ? tr.t('about.uptime.hours', { n: h }) : null,
    tr.t('about.uptime.minutes', { n: m }),
  ]
    .filter(Boolean)
    .join(' ');
};

export interface AboutView {
  readonly season: Season;
  readonly stats: StatsReport;
  readonly dataVersion: { readonly hash: string; readonly importedAt: Date } | null;
  readonly version: string;
  readonly startedAt: Date;
  /** Real time (not the replay clock): uptime is about this process. */
  readonly wallNow: Date;
  /** Set when the bot runs as several shards: this one, and the totals over all of them. */
  readonly shard?: ShardView | null;
  /** `/match` as the user's picker names it (`/jogo` for a pt-BR client); `/match` when not given. */
  readonly matchCommand?: string;
}

export interface ShardView {
  /** This shard's id (Discord numbers shards from 0). */
  readonly id: number;
  /** Shards that answered the manager; null when it could not be asked (a shard restarting). */
  readonly shards: number | null;
  /** Servers over all shards; null when unknown. */
  readonly guilds: number | null;
}

const shardLine = (shard: ShardView, tr: Translator): string => {
  // Unknown totals are said to be unknown, never replaced by this shard's own count.
  if (shard.shards === null || shard.guilds === null) return tr.t('about.shard.unknown', { id: shard.id });
  return tr.t('about.shard.known', { id: shard.id, shards: shard.shards, count: shard.guilds });
};

/** How many records sources disagree on, in one plain sentence (the arguments stay in the data file). */
const conflictLine = (season: Season, tr: Translator): string => {
  const n = season.conflicts.length;
  if (n === 0) return tr.t('about.conflicts.none');
  return tr.t('about.conflicts.some', { count: n });
};

/** What the data does not know, counted from its fields: one plain line each, none when nothing is missing. */
export const gapLines = (season: Season, tr: Translator = englishTr()): string[] => {
  let resultsMissing = 0;
  let awardedScores = 0;
  let unattributed = 0;
  let untimed = 0;
  let noVenue = 0;
  for (const m of season.matches) {
    if (resultMissing(m)) resultsMissing++;
    if (m.status === 'awarded' && m.decision?.score === null) awardedScores++;
    unattributed += m.goals.filter((g) => g.player === null && g.type !== 'own_goal').length + missingGoalsOf(m, m.home) + missingGoalsOf(m, m.away);
    if (m.kickoff === null && m.date !== null) untimed++;
    if (m.venue === null && m.status !== 'walkover') noVenue++;
  }
  const line = (key: string, count: number): string | null => (count ? tr.t(`about.gaps.${key}`, { count }) : null);
  return [
    line('results', resultsMissing),
    line('awardedNoScore', awardedScores),
    line('unattributed', unattributed),
    line('untimed', untimed),
    line('noVenue', noVenue),
  ].filter((l): l is string => l !== null);
};

/**
 * The totals lines in as few fields as Discord's field size allows: one in English, two where French or
 * Portuguese run longer, the later one headed "… (cont.)", so no line is cut.
 */
const totalsFields = (lines: readonly string[], name: string, tr: Translator): APIEmbedField[] => {
  const values: string[] = [];
  for (const line of lines) {
    const last = values.length - 1;
    const joined = last >= 0 ? `${values[last]}\n${line}` : line;
    if (last >= 0 && joined.length <= LIMITS.fieldValue) values[last] = joined;
    else values.push(line);
  }
  return values.map((value, i) => ({ name: i === 0 ? name : tr.t('paging.continued', { heading: name }), value }));
};

/** Where the data comes from, how complete it is, and which build is answering. */
export const renderAbout = (view: AboutView, tr: Translator = englishTr()): MessagePayload => {
  const { season } = view;
  const coverage = sourceCoverage(season);
  const data = view.dataVersion
    ? tr.t('about.imported', {
        hash: tr.name(`\`${view.dataVersion.hash.slice(0, 12)}\``),
        when: time(view.dataVersion.importedAt, TimestampStyles.ShortDateTime),
      })
    : tr.t('about.notImported');
  const gaps = gapLines(season, tr);
  const field = (key: string): string => tr.t(`about.fields.${key}`);
  const index = indexSeason(season);
  const teamName = (id: TeamId): string => escapeText(index.teamName(id));
  const fields: APIEmbedField[] = [
    { name: field('asOf'), value: tr.name(dataDate(season, tr)), inline: true },
    { name: field('dataVersion'), value: data, inline: true },
    { name: field('sourced'), value: tr.t('about.sourcedValue', { sourced: coverage.sourced, total: coverage.total }), inline: true },
    { name: field('botVersion'), value: tr.name(`\`${codeText(view.version)}\``), inline: true },
    { name: field('uptime'), value: formatUptime(view.wallNow.getTime() - view.startedAt.getTime(), tr), inline: true },
    ...(view.shard ? [{ name: field('shard'), value: shardLine(view.shard, tr), inline: true }] : []),
    {
      name: field('conflicts'),
      value: conflictLine(season, tr),
    },
    // A season no source prints totals for has nothing to check against: "not published".
    ...(season.printedTotals === null
      ? [{ name: field('totals'), value: tr.t('about.totals.notPublished') }]
      : totalsFields(
          view.stats.reconciliation.map((check) => `• ${totalsLine(check, teamName, tr)}`),
          field('totals'),
          tr,
        )),
    { name: field('gaps'), value: gaps.length ? gaps.map((l) => `• ${l}`).join('\n') : tr.t('about.gaps.nothing') },
  ];
  return fitMessage({
    embeds: [
      {
        title: tr.t('about.title', { season: tr.name(escapeText(season.name)) }),
        description: tr.t('about.description', { match: tr.name(view.matchCommand ?? '/match') }),
        color: SEASON_COLOUR,
        fields,
        footer: seasonFooter(season, undefined, tr),
      },
    ],
  });
};
