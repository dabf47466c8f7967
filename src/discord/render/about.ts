import { time, TimestampStyles } from 'discord.js';
import type { APIEmbedField } from 'discord.js';
import type { Season, StatsReport } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { missingGoalsOf } from './goals.js';
import { resultMissing } from './match-format.js';
import { SEASON_COLOUR, seasonFooter } from './theme.js';
import { codeText, escapeText } from './text.js';
import { plural, unattributedText } from './words.js';

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
    season.printedTotals,
    ...season.conflicts,
    ...season.gaps,
  ];
  return { sourced: records.filter((r) => r.sources.some((s) => s.trim().length > 0)).length, total: records.length };
};

/** "3d 4h 12m" */
export const formatUptime = (ms: number): string => {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}d` : null, d || h ? `${h}h` : null, `${m}m`].filter(Boolean).join(' ');
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
}

export interface ShardView {
  /** This shard's id (Discord numbers shards from 0). */
  readonly id: number;
  /** Shards that answered the manager; null when it could not be asked (a shard restarting). */
  readonly shards: number | null;
  /** Servers over all shards; null when unknown. */
  readonly guilds: number | null;
}

const shardLine = (shard: ShardView): string => {
  // Unknown totals are said to be unknown, never replaced by this shard's own count.
  if (shard.shards === null || shard.guilds === null) return `${shard.id} · totals not available right now`;
  return `${shard.id} of ${shard.shards} · ${shard.guilds} server${shard.guilds === 1 ? '' : 's'} in all`;
};

/** How many records sources disagree on, in one plain sentence (the arguments stay in the data file). */
const conflictLine = (season: Season): string => {
  const n = season.conflicts.length;
  if (n === 0) return 'None recorded.';
  return `Sources disagree on ${plural(n, 'fact')}; the bot keeps one sourced value for each, and says so where a kickoff time is disputed.`;
};

/** What the data does not know, counted from its fields: one plain line each, none when nothing is missing. */
export const gapLines = (season: Season): string[] => {
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
  return [
    resultsMissing ? `${plural(resultsMissing, 'result')} not published` : null,
    awardedScores ? `${plural(awardedScores, 'awarded match', 'awarded matches')} with no published score` : null,
    unattributed ? unattributedText(unattributed) : null,
    untimed ? `${plural(untimed, 'match', 'matches')} with no published kickoff time` : null,
    noVenue ? `${plural(noVenue, 'match', 'matches')} with no published venue` : null,
  ].filter((l): l is string => l !== null);
};

/** Where the data comes from, how complete it is, and which build is answering. */
export const renderAbout = (view: AboutView): MessagePayload => {
  const { season } = view;
  const coverage = sourceCoverage(season);
  const data = view.dataVersion
    ? `\`${view.dataVersion.hash.slice(0, 12)}\` · imported ${time(view.dataVersion.importedAt, TimestampStyles.ShortDateTime)}`
    : 'not imported yet';
  const gaps = gapLines(season);
  const fields: APIEmbedField[] = [
    { name: 'Data as of', value: season.asOf, inline: true },
    { name: 'Data version', value: data, inline: true },
    { name: 'Sourced records', value: `${coverage.sourced} of ${coverage.total}`, inline: true },
    { name: 'Bot version', value: `\`${codeText(view.version)}\``, inline: true },
    { name: 'Uptime', value: formatUptime(view.wallNow.getTime() - view.startedAt.getTime()), inline: true },
    ...(view.shard ? [{ name: 'Shard', value: shardLine(view.shard), inline: true }] : []),
    {
      name: 'Conflicts between sources',
      value: conflictLine(season),
    },
    ...(view.stats.reconciliation.length ? [{ name: 'Totals against the printed figures', value: view.stats.reconciliation.map((l) => `• ${escapeText(l)}`).join('\n') }] : []),
    { name: 'What the sources do not give', value: gaps.length ? gaps.map((l) => `• ${l}`).join('\n') : 'Nothing missing.' },
  ];
  return fitMessage({
    embeds: [
      {
        title: `About: ${escapeText(season.name)}`,
        description: `Every fact in this bot comes from a cited source; anything no source gives is shown as "not published", never guessed. /match lists the sources of each match.`,
        color: SEASON_COLOUR,
        fields,
        footer: seasonFooter(season),
      },
    ],
  });
};
