import { time, TimestampStyles } from 'discord.js';
import type { APIEmbedField } from 'discord.js';
import type { Season, StatsReport } from '../../domain/types.js';
import { fitMessage } from './limits.js';
import type { MessagePayload } from './limits.js';
import { packLines } from './paging.js';
import { SEASON_COLOUR, seasonFooter } from './theme.js';
import { codeText, escapeText, plural } from './text.js';

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
}

const FIELD_BUDGET = 1000;

/** A count and the first few subjects ("associations.Algeria.rank"), so a fan knows where to look. */
const conflictLine = (season: Season): string => {
  const n = season.conflicts.length;
  if (n === 0) return 'None recorded.';
  const subjects = season.conflicts.slice(0, 5).map((c) => `\`${codeText(c.subject)}\``);
  const more = n > subjects.length ? `, +${n - subjects.length} more` : '';
  return `${plural(n, 'conflict')} recorded; where sources disagree one value is kept and the other is noted: ${subjects.join(', ')}${more}.`;
};

/** Where the data comes from, how complete it is, and which build is answering. */
export const renderAbout = (view: AboutView): MessagePayload => {
  const { season } = view;
  const coverage = sourceCoverage(season);
  const data = view.dataVersion
    ? `\`${view.dataVersion.hash.slice(0, 12)}\` · imported ${time(view.dataVersion.importedAt, TimestampStyles.ShortDateTime)}`
    : 'not imported yet';
  const gapLines = season.gaps.map((g) => `• ${escapeText(g.text)}`);
  const gapPages = packLines(gapLines, FIELD_BUDGET);
  // At most three fields of gaps; the rest is counted, never dropped without a word.
  const shownPages = gapPages.slice(0, 3);
  const shownCount = shownPages.reduce((n, p) => n + p.split('\n').length, 0);
  const gapFields: APIEmbedField[] = shownPages.map((page, i) => ({
    name: i === 0 ? `Known gaps (${season.gaps.length})` : 'Known gaps (cont.)',
    value: page + (i === shownPages.length - 1 && shownCount < gapLines.length ? `\n…and ${gapLines.length - shownCount} more in the data file` : ''),
  }));
  const fields: APIEmbedField[] = [
    { name: 'Data as of', value: season.asOf, inline: true },
    { name: 'Data version', value: data, inline: true },
    { name: 'Sourced records', value: `${coverage.sourced} of ${coverage.total}`, inline: true },
    { name: 'Bot version', value: `\`${codeText(view.version)}\``, inline: true },
    { name: 'Uptime', value: formatUptime(view.wallNow.getTime() - view.startedAt.getTime()), inline: true },
    {
      name: 'Conflicts between sources',
      value: conflictLine(season),
    },
    ...(view.stats.reconciliation.length ? [{ name: 'Totals against the printed figures', value: view.stats.reconciliation.map((l) => `• ${escapeText(l)}`).join('\n') }] : []),
    ...(gapFields.length ? gapFields : [{ name: 'Known gaps', value: 'None recorded.' }]),
  ];
  return fitMessage({
    embeds: [
      {
        title: `About: ${escapeText(season.name)}`,
        description: `Every fact in this bot comes from a cited source; anything no source gives is shown as "not recorded", never guessed.`,
        color: SEASON_COLOUR,
        fields,
        footer: seasonFooter(season),
      },
    ],
  });
};
