// Matches editors add (field `match`) and which conflicts are worth an editor's notice.
import { describe, expect, test } from 'vitest';
import { applyOverrides, notableConflicts, type Override, type OverrideConflict } from '../../src/domain/overrides.js';
import { association, match, season, team } from './builders.js';

const ID = 'cup';
const added = (id: string, home: string, away: string, journal = 'j1'): Override => ({
  season: ID,
  match: id,
  field: 'match',
  value: {
    match: match({ id, stage: 'final', home, away, status: 'scheduled', tie: 1, leg: 1, date: '2026-05-30' }),
    teams: [team(home, { association: 'Egypt' }), team(away, { association: 'South Africa' })],
    associations: [association('Egypt', null), association('South Africa', null)],
  },
  journal,
});

describe('an added match', () => {
  const empty = season({ id: ID, teams: [team('pyramids', { association: 'Egypt' })], associations: [association('Egypt', null)] });

  test('is appended with the teams and associations the season lacks, and takes later field overrides', () => {
    const result = applyOverrides(empty, [
      added('F-T01-L1', 'pyramids', 'sundowns'),
      { season: ID, match: 'F-T01-L1', field: 'score', value: { home: 2, away: 1 }, journal: 'j2' },
      { season: ID, match: 'F-T01-L1', field: 'status', value: 'played', journal: 'j2' },
    ]);
    expect(result.season.matches).toEqual([expect.objectContaining({ id: 'F-T01-L1', status: 'played', score: { home: 2, away: 1 } })]);
    expect(result.season.teams.map((t) => t.id)).toEqual(['pyramids', 'sundowns']);
    expect(result.season.associations.map((a) => a.name)).toEqual(['Egypt', 'South Africa']);
    expect(result.orphans).toEqual([]);
  });

  test('a field override of a match nobody has is an orphan; an added match the source now has too is kept, as a conflict when they differ', () => {
    expect(applyOverrides(empty, [{ season: ID, match: 'X', field: 'venue', value: 'Cairo', journal: 'j3' }]).orphans).toHaveLength(1);
    const sourceHasIt = season({ ...empty, matches: [match({ id: 'F-T01-L1', stage: 'final', home: 'pyramids', away: 'sundowns', status: 'scheduled', date: '2026-05-31' })] });
    const result = applyOverrides(sourceHasIt, [added('F-T01-L1', 'pyramids', 'sundowns')]);
    expect(result.season.matches.map((m) => m.date)).toEqual(['2026-05-30']);
    expect(result.conflicts.map((c) => c.field)).toEqual(['match']);
  });
});

describe('notable conflicts', () => {
  const c = (field: OverrideConflict['field'], sourceValue: unknown, overrideValue: unknown): OverrideConflict => ({ season: ID, match: 'M', field, sourceValue, overrideValue, journal: '7' });
  test.each([
    ['the source has no result yet', c('score', null, { home: 1, away: 0 }), { score: null }, false],
    ['the source still says what it said when the editor corrected it', c('kickoff', '2024-05-19T16:00:00Z', '2024-05-19T17:00:00Z'), { kickoff: '2024-05-19T16:00:00Z' }, false],
    ['the source now publishes another result', c('score', { home: 1, away: 0 }, { home: 2, away: 0 }), { score: null }, true],
    ['the source moved the kickoff elsewhere', c('kickoff', '2024-05-19T18:00:00Z', '2024-05-19T17:00:00Z'), { kickoff: '2024-05-19T16:00:00Z' }, true],
    ['no record of the value before', c('venue', 'Cairo', 'Giza'), {}, true],
    ['the source still lists no goals', c('goals', [], [{ team: 'a', player: 'X', minute: '3', type: 'regular' }]), {}, false],
  ])('%s', (_name, conflict, before, notable) => {
    const found = notableConflicts([conflict], (_journal, field) => (Object.hasOwn(before, field) ? (before as Record<string, unknown>)[field] : undefined));
    expect(found.length === 1).toBe(notable);
  });
});
