// The footer's notice is kept per season progress (one object per season and step of the clock) and
// language (season-notice.ts, issue 15): asked at any instant, in any order and language, it must equal
// the notice of a fresh copy of the season (which has nothing kept).
import { describe, expect, test } from 'vitest';
import { noticeFor } from '../../../src/discord/render/season-notice.js';
import { withoutResult } from '../../../src/domain/as-of.js';
import { progressChanges } from '../../../src/domain/season-progress.js';
import { createI18n, type Language } from '../../../src/i18n/index.js';
import { readSeasonFile, seasonFilesIn } from '../../../src/season/read.js';

const i18n = createI18n();
const languages: readonly Language[] = ['en', 'fr', 'ar', 'pt'];
const shipped = seasonFilesIn().map((file) => readSeasonFile(file).season);
/** Each shipped season with no result after its median day and no end date: upcoming, in progress, then stale. */
const stopped = shipped.map((season) => {
  const days = season.matches.map((m) => (m.kickoff ?? m.date ?? '').slice(0, 10)).filter((d) => d !== '').sort();
  const cutoff = days[Math.floor(days.length / 2)] ?? '';
  return { ...season, endDate: null, champion: null, matches: season.matches.map((m) => ((m.kickoff ?? m.date ?? '').slice(0, 10) > cutoff ? withoutResult(m) : m)) };
});

describe('the kept notice equals the notice of a fresh copy', () => {
  test.each(stopped.map((s) => [s.id, s] as const))('%s: every tenth instant it may change at, each side, in four languages', (_id, season) => {
    const instants = progressChanges(season)
      .filter((_, i) => i % 10 === 0)
      .flatMap((t) => [t - 1, t])
      .sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
    const seen = new Set<string | null>();
    for (const t of instants) {
      const now = new Date(t);
      for (const language of languages) {
        const tr = i18n.translator(language);
        const expected = noticeFor(structuredClone(season), now, tr);
        seen.add(expected);
        expect(noticeFor(season, now, tr), `${language} ${now.toISOString()}`).toBe(expected);
        expect(noticeFor(season, now, tr)).toBe(expected);
      }
    }
    // None while in progress, and a notice (upcoming or stale) in each of the four languages.
    expect(seen.has(null)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(1 + languages.length);
  });
});
