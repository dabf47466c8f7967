// The real season file through the real schema: nothing is lost or reshaped on the way.
import { afterEach, describe, expect, test } from 'vitest';
import type { OpenedDatabase } from '../../src/db/client.js';
import { ensureSeasonImported, importSeason } from '../../src/db/import.js';
import { loadSeason } from '../../src/db/season-repo.js';
import { readSeasonFile } from '../../src/season/read.js';
import { dumpDatabase, makeTestDb } from './helpers.js';

const opened: OpenedDatabase[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

describe('data/seasons/caf-cc-2023-24.json', () => {
  test('imports and loads back deep-equal to the parsed file', () => {
    const handle = makeTestDb();
    opened.push(handle);
    const { season, hash } = readSeasonFile();
    const { imported, summary } = ensureSeasonImported(handle.db, () => ({ season, hash }));

    expect(imported).toBe(true);
    expect(summary.counts).toEqual({
      associations: season.associations.length,
      teams: season.teams.length,
      aliases: season.teams.reduce((sum, team) => sum + team.aliases.length, 0),
      matches: season.matches.length,
      goals: season.matches.reduce((sum, match) => sum + match.goals.length, 0),
      calendarEntries: season.calendar.length,
      conflicts: season.conflicts.length,
      gaps: season.gaps.length,
    });
    expect(loadSeason(handle.db)).toStrictEqual(season);
  });

  test('importing it twice leaves the same season tables', () => {
    const handle = makeTestDb();
    opened.push(handle);
    const { season, hash } = readSeasonFile();
    importSeason(handle.db, season, hash);
    const first = dumpDatabase(handle.sqlite, ['data_imports']);
    importSeason(handle.db, season, hash);
    expect(dumpDatabase(handle.sqlite, ['data_imports'])).toEqual(first);
  });
});
