import { describe, expect, test } from 'vitest';
import type { MessagePayload } from '../../src/discord/render/limits.js';
import { renderRankings } from '../../src/discord/render/rankings.js';
import { renderSchedule } from '../../src/discord/render/schedule.js';
import { nextOrLastEvent, scheduleEntries } from '../../src/domain/calendar.js';
import { computeRanking } from '../../src/domain/ranking.js';
import { FSI, LRI, PDI } from '../../src/i18n/bidi.js';
import { createI18n, type Language } from '../../src/i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../src/i18n/resources.js';
import { readSeasonFile } from '../../src/season/read.js';
import { allText, limitViolations } from '../discord/render/limits-check.js';

// /schedule and /rankings in French, Arabic and Portuguese: within Discord's limits, none of our
// English sentences left, no direction override; in Arabic the ranking's table lines kept left to
// right (LRI…PDI) and the associations' Latin names isolated (FSI…PDI) in the footnotes.
// English is pinned byte for byte by test/discord/render/{cards,rankings}.test.ts and the crawl test.

const i18n = createI18n();
const TRANSLATED = ['fr', 'ar', 'pt'] as const;
const real = readSeasonFile().season;

const strings = (tree: ResourceTree | string | undefined): string[] =>
  tree === undefined ? [] : typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(strings);

/** Runs of at least two English words from our templates ("most recent", "rank uncertain"). */
const ENGLISH_RUNS: readonly string[] = [
  ...new Set(
    (['schedule', 'rankings'] as const)
      .flatMap((section) => strings(RESOURCES.en[section]))
      .flatMap((text) => text.split(/\{\{[^}]*\}\}|[():;,·.`*]/))
      .map((run) => run.trim())
      .filter((run) => run.split(/\s+/).filter((w) => /^[A-Za-z-]+$/.test(w)).length >= 2),
  ),
];

const scheduleIn = (language: Language, at = '2023-12-01T00:00:00Z'): MessagePayload =>
  renderSchedule(real, scheduleEntries(real), nextOrLastEvent(real, new Date(at)), i18n.translator(language));
const rankingsIn = (language: Language): MessagePayload => renderRankings(real, computeRanking(real), i18n.translator(language));

describe.each(TRANSLATED.map((l) => [l] as const))('%s', (language) => {
  test('/schedule: within limits, translated, no override', () => {
    for (const at of ['2023-08-01T00:00:00Z', '2023-12-01T00:00:00Z', '2024-06-01T00:00:00Z']) {
      const payload = scheduleIn(language, at);
      expect(limitViolations(payload)).toEqual([]);
      const text = allText(payload);
      expect(ENGLISH_RUNS.filter((run) => text.includes(run))).toEqual([]);
      expect(text).not.toMatch(/[\u202A-\u202E]/);
      expect(text).not.toMatch(/[\u0660-\u0669]/);
    }
    const first = scheduleIn(language).embeds?.[0];
    expect(first?.title).toBe(i18n.translator(language).t('schedule.title'));
    // The group stage's matchdays are named with the language's word for a matchday.
    expect(first?.description).toContain(i18n.translator(language).t('schedule.round.matchday', { n: 3 }));
  });

  test('/rankings: within limits, translated, footnotes in the language', () => {
    const payload = rankingsIn(language);
    expect(limitViolations(payload)).toEqual([]);
    const text = allText(payload);
    expect(ENGLISH_RUNS.filter((run) => text.includes(run))).toEqual([]);
    expect(text).not.toMatch(/[\u202A-\u202E]/);
    const tr = i18n.translator(language);
    const dispute = tr.t('rankings.dispute', { association: tr.name('Algeria'), byPoints: tr.ordinal(3), printed: tr.ordinal(2) });
    expect(text).toContain(dispute);
  });
});

describe('Arabic layout', () => {
  test('/rankings: every table line in LRI…PDI, names in footnotes isolated', () => {
    const payload = rankingsIn('ar');
    const blocks = (payload.embeds ?? []).flatMap((e) => [...(e.description ?? '').matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? ''));
    expect(blocks.length).toBeGreaterThan(0);
    for (const line of blocks.flatMap((b) => b.split('\n'))) {
      expect(line.startsWith(LRI), line).toBe(true);
      expect(line.endsWith(PDI), line).toBe(true);
    }
    const legend = payload.embeds?.at(-1)?.description ?? '';
    expect(legend).toContain(`${FSI}Algeria${PDI}`);
    expect(legend).toContain(`${FSI}Cameroon${PDI}`);
  });

  test('/schedule: phases and rounds in Arabic, Western digits', () => {
    const text = allText(scheduleIn('ar'));
    expect(text).toContain('دور المجموعات');
    expect(text).toContain('الجولة 2');
    expect(text).toContain('مباريات الذهاب');
  });
});

test('English rankings: table and footnotes as before', () => {
  const text = allText(rankingsIn('en'));
  expect(text).toContain("CAF's points put Algeria 3rd; the competition's own list printed it 2nd");
  expect(text).toContain('  # FIFA Association          Points Teams Season');
  expect(text).not.toContain(LRI);
});
