import { describe, expect, test } from 'vitest';
import type { SeasonCatalog } from '../../src/domain/catalog.js';
import { entryStatus, seasonProgress, seasonStatus } from '../../src/domain/season-status.js';
import type { Match, Season } from '../../src/domain/types.js';
import { match, season } from './builders.js';

// Season status on the bot's clock: upcoming / in_progress / finished / stale, with the staleAfter
// rule (default 21 days after the last result) and the end date.

const played = (id: string, date: string, stage: Match['stage'] = 'group'): Match =>
  match({ id, stage, home: 'a', away: 'b', date, status: 'played', score: { home: 1, away: 0 } });
const scheduled = (id: string, date: string, stage: Match['stage'] = 'group'): Match =>
  match({ id, stage, home: 'a', away: 'b', date, status: 'scheduled' });

/** Group matches on 1 and 8 Sept, a final over two legs on 1 and 8 Dec 2024. */
const running = season({
  matches: [played('G1', '2024-09-01'), played('G2', '2024-09-08'), played('F1', '2024-12-01', 'final'), played('F2', '2024-12-08', 'final')],
  champion: 'a',
});
/** The data stopped after the group matches: the final was never recorded. */
const stopped = season({ matches: [played('G1', '2024-09-01'), played('G2', '2024-09-08'), scheduled('F1', '2024-12-01', 'final')] });
/** The data stopped after the group matches, and nothing more is scheduled. */
const halted = season({ matches: [played('G1', '2024-09-01'), played('G2', '2024-09-08')] });
const noMatches = season({ matches: [] });

const at = (iso: string) => new Date(iso);

describe('seasonStatus', () => {
  test.each<[string, Season, string, string]>([
    ['before the first match day', running, '2024-08-31T23:59:59Z', 'upcoming'],
    ['on the first match day, before its result is known', running, '2024-09-01T10:00:00Z', 'in_progress'],
    ['the day after the first result', running, '2024-09-02T12:00:00Z', 'in_progress'],
    ['21 days after the last result: still in progress', running, '2024-09-29T00:00:00Z', 'in_progress'],
    ['between the group stage and the final, 80 days without a result but the final scheduled: a break', running, '2024-11-28T00:00:00Z', 'in_progress'],
    ['the final first leg played, the second to come', running, '2024-12-05T00:00:00Z', 'in_progress'],
    ['both final legs known: finished', running, '2024-12-09T12:00:00Z', 'finished'],
    ['years later: finished', running, '2026-12-01T00:00:00Z', 'finished'],
    ['22 days after the last result, the final still to come: a break, not yet stale', stopped, '2024-09-30T00:00:01Z', 'in_progress'],
    ['the final overdue by 22 days with no result: the source stopped', stopped, '2024-12-23T00:00:01Z', 'stale'],
    ['no match left to play and 22 days without a result: stale', halted, '2024-09-30T00:00:01Z', 'stale'],
    ['data stopped, years later: stale (fans must be told)', stopped, '2026-12-01T00:00:00Z', 'stale'],
    ['no match at all', noMatches, '2026-12-01T00:00:00Z', 'upcoming'],
  ])('%s', (_label, s, now, expected) => {
    expect(seasonStatus(s, at(now))).toBe(expected);
  });

  test.each<[string, Partial<Season>, string, string]>([
    ['staleAfter 7: 8 days after the last result is stale', { staleAfterDays: 7 }, '2024-09-16T00:00:01Z', 'stale'],
    ['staleAfter 7: 7 days after the last result is in progress', { staleAfterDays: 7 }, '2024-09-15T00:00:00Z', 'in_progress'],
    ['staleAfter 90: 80 days without a result is in progress', { staleAfterDays: 90 }, '2024-11-28T00:00:00Z', 'in_progress'],
    ['an end date passed ends a stopped season', { endDate: '2024-12-31' }, '2025-01-01T00:00:00Z', 'finished'],
    ['on its end date it is not over yet', { endDate: '2024-12-31' }, '2024-12-31T23:00:00Z', 'stale'],
  ])('%s', (_label, overrides, now, expected) => {
    expect(seasonStatus({ ...halted, ...overrides }, at(now))).toBe(expected);
  });

  // A break is a quiet spell with a match still to come and none overdue; the source stopped when a
  // match dated more than staleAfter ago still has no result, or nothing is left to play.
  const withBreak = (...extra: Match[]) => season({ matches: [played('G1', '2024-09-01'), played('G2', '2024-09-08'), ...extra] });
  test.each<[string, Season, string, string]>([
    ['a match scheduled today keeps a 30-day break in progress', withBreak(scheduled('Q1', '2024-10-08', 'quarter_final')), '2024-10-08T20:00:00Z', 'in_progress'],
    ['its day passed 12 days ago with no result yet: the result may still come, in progress', withBreak(scheduled('Q1', '2024-10-08', 'quarter_final')), '2024-10-20T00:00:00Z', 'in_progress'],
    ['its day passed 22 days ago with no result: stale', withBreak(scheduled('Q1', '2024-10-08', 'quarter_final')), '2024-10-30T00:00:01Z', 'stale'],
    [
      'a match scheduled later, but one dated 22 days ago has no result: stale',
      withBreak(scheduled('G3', '2024-09-08'), scheduled('Q1', '2024-11-01', 'quarter_final')),
      '2024-09-30T00:00:01Z',
      'stale',
    ],
    [
      'a postponed match long overdue does not make a break stale',
      withBreak(match({ id: 'G3', stage: 'group', home: 'a', away: 'b', date: '2024-09-08', status: 'postponed' }), scheduled('Q1', '2024-11-01', 'quarter_final')),
      '2024-10-15T00:00:00Z',
      'in_progress',
    ],
    [
      'a match whose result the source says is not published is a known gap, not a stop',
      withBreak(match({ id: 'G3', stage: 'group', home: 'a', away: 'b', date: '2024-09-08', status: 'scheduled', resultNotPublished: true }), scheduled('Q1', '2024-11-01', 'quarter_final')),
      '2024-10-15T00:00:00Z',
      'in_progress',
    ],
    ['only a postponed match left: nothing scheduled, stale', withBreak(match({ id: 'Q1', stage: 'quarter_final', home: 'a', away: 'b', date: '2024-11-01', status: 'postponed' })), '2024-10-15T00:00:00Z', 'stale'],
  ])('%s', (_label, s, now, expected) => {
    expect(seasonStatus(s, at(now))).toBe(expected);
  });

  test('a match played but not yet reported is not a result: before any is known the first match day counts', () => {
    const fresh = season({ matches: [scheduled('G1', '2024-09-01'), scheduled('G2', '2024-09-08')] });
    expect(seasonStatus(fresh, at('2024-09-10T00:00:00Z'))).toBe('in_progress');
    expect(seasonStatus(fresh, at('2024-09-23T00:00:00Z'))).toBe('stale');
  });

  test('progress names the first match day and the last result known at the instant', () => {
    expect(seasonProgress(running, at('2024-09-05T00:00:00Z'))).toEqual({
      status: 'in_progress',
      firstMatch: at('2024-09-01T00:00:00Z'),
      lastResult: at('2024-09-01T00:00:00Z'),
    });
    expect(seasonProgress(running, at('2024-08-01T00:00:00Z')).lastResult).toBeNull();
  });

  test('a catalog entry gives its status through the catalog; an entry no longer held gives undefined', () => {
    const catalog: SeasonCatalog = {
      list: () => [{ id: 'test', competition: 'Test cup', label: '2023-24', updatedAt: null }],
      get: (id) => (id === 'test' ? running : undefined),
    };
    expect(entryStatus(catalog, { id: 'test' }, at('2026-12-01T00:00:00Z'))).toBe('finished');
    expect(entryStatus(catalog, { id: 'gone' }, at('2026-12-01T00:00:00Z'))).toBeUndefined();
  });
});
