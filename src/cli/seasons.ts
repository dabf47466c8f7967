// `npm run cli -- seasons`: every configured season, newest first, with its status on the clock.
import type { CatalogEntry } from '../domain/catalog.js';
import { seasonProgress } from '../domain/season-status.js';
import type { SeasonReading } from '../season-store.js';
import { sortNewestFirst } from '../season-store.js';
import { formatTable } from './table.js';
import type { QueryOutput } from './queries.js';

const isoDay = (date: Date | null): string | null => (date === null ? null : date.toISOString().slice(0, 10));

export const seasonsQuery = (readings: readonly SeasonReading[], now: Date): QueryOutput => {
  const byId = new Map(readings.map((r) => [r.season.id, r] as const));
  const entries = sortNewestFirst(
    readings.map((r): CatalogEntry => ({ id: r.season.id, competition: r.season.competition, label: r.season.label, updatedAt: r.updatedAt })),
    (id) => byId.get(id)?.season,
  );
  const rows = entries.map((entry) => {
    const reading = byId.get(entry.id) as SeasonReading;
    const progress = seasonProgress(reading.season, now);
    return {
      id: entry.id,
      competition: entry.competition,
      label: entry.label,
      status: progress.status,
      matches: reading.season.matches.length,
      lastResult: isoDay(progress.lastResult),
      source: reading.file,
    };
  });
  const text = formatTable(
    ['Season', 'Competition', 'Label', 'Status', 'Matches', 'Last result'],
    rows.map((r) => [r.id, r.competition, r.label, r.status.replace('_', ' '), r.matches, r.lastResult]),
  );
  return { json: { seasons: rows }, text };
};

/** The season a JSON answer is about: its top-level `season`. */
export const seasonHeader = (reading: SeasonReading) => ({
  id: reading.season.id,
  competition: reading.season.competition,
  label: reading.season.label,
});
