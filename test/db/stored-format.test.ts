// A season's format is stored, not rebuilt by rule (migration 0014: stages.kind, stages.key,
// stages.unnamed_group, seasons.tiebreak). The rule the loader used before (a stage coded
// `first_round` is a qualifying round when there is no group stage) is what rows written before the
// migration still get; every season imported since loads with the format its file declares.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { formatFromRows, groupRows, roundRows, stageRows } from '../../src/db/format.js';
import { importSeason } from '../../src/db/import.js';
import { seasons, stages } from '../../src/db/schema.js';
import { loadSeason } from '../../src/db/season-repo.js';
import type { SeasonFormat } from '../../src/domain/types.js';
import { fromPackageRoot } from '../../src/package-root.js';
import { parseSeason } from '../../src/season/parse.js';
import { makeTestDb } from './helpers.js';

// The African Football League 2023 (knockout only) with its quarter-finals coded `first_round`:
// a knockout round whose code the old rule reads as a qualifying round.
const afl = readFileSync(fromPackageRoot('data', 'seasons', 'caf-afl-2023.json'), 'utf8');
const renamed = parseSeason(JSON.parse(afl.replaceAll('"quarter_final"', '"first_round"')) as unknown, 'renamed.json').season;

describe('the stored format', () => {
  test('a knockout round coded first_round in a knockout-only season loads as a knockout round, key and tiebreak included', () => {
    expect(renamed.format.stages.map((s) => [s.code, s.kind, s.key])).toEqual([
      ['first_round', 'knockout', 'QF'],
      ['semi_final', 'knockout', 'SF'],
      ['final', 'knockout', 'F'],
    ]);
    const opened = makeTestDb();
    try {
      importSeason(opened.db, renamed, 'hash');
      expect(opened.db.select({ kind: stages.kind, key: stages.key, unnamed: stages.unnamedGroup }).from(stages).orderBy(stages.ordinal).all()).toEqual([
        { kind: 'knockout', key: 'QF', unnamed: false },
        { kind: 'knockout', key: 'SF', unnamed: false },
        { kind: 'knockout', key: 'F', unnamed: false },
      ]);
      expect(opened.db.select({ tiebreak: seasons.tiebreak }).from(seasons).all()).toEqual([{ tiebreak: 'caf' }]);
      expect(loadSeason(opened.db, renamed.id).format).toStrictEqual(renamed.format);
    } finally {
      opened.close();
    }
  });

  test('rows written before the migration (kind, key and tiebreak null) are read by the old rule', () => {
    const opened = makeTestDb();
    try {
      importSeason(opened.db, renamed, 'hash');
      opened.db.update(stages).set({ kind: null, key: null }).run();
      opened.db.update(seasons).set({ tiebreak: null }).where(eq(seasons.id, renamed.id)).run();
      const loaded = loadSeason(opened.db, renamed.id).format;
      // The rule's answer, which is why the kind is now stored.
      expect(loaded.stages.map((s) => [s.code, s.kind, s.key])).toEqual([
        ['first_round', 'qualifying', 'QF'],
        ['semi_final', 'knockout', 'SF'],
        ['final', 'knockout', 'F'],
      ]);
      expect(loaded.tiebreak).toBe('caf');
    } finally {
      opened.close();
    }
  });

  test('an unnamed group stage and a qualifying round the rule would call a knockout survive the rows', () => {
    const format: SeasonFormat = {
      stages: [
        { code: 'playoff', name: 'Play-off', key: 'PO', kind: 'qualifying', legs: 'two_legged' },
        { code: 'league', name: 'League phase', key: 'LP', kind: 'group', groups: ['L'], matchdays: 8, unnamed: true },
        { code: 'final', name: 'Final', key: 'F', kind: 'knockout', legs: 'single_leg' },
      ],
      tiebreak: 'caf',
    };
    const season = { format };
    const rebuilt = formatFromRows(stageRows(season), roundRows(season), groupRows(season), format.tiebreak);
    expect(rebuilt).toStrictEqual(format);
    // A lettered group stage has no `unnamed` key at all once rebuilt.
    const lettered: SeasonFormat = { ...format, stages: format.stages.map((s) => (s.kind === 'group' ? { ...s, groups: ['A', 'B'], unnamed: undefined } : s)) };
    const back = formatFromRows(stageRows({ format: lettered }), roundRows({ format: lettered }), groupRows({ format: lettered }), 'caf');
    expect(back.stages[1]).toStrictEqual({ code: 'league', name: 'League phase', key: 'LP', kind: 'group', groups: ['A', 'B'], matchdays: 8 });
  });
});
