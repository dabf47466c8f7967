// A season's rows as loadSeason reads them (a select written from the schema, raw arrays keyed by
// column: season-repo.ts tableRows) are the rows drizzle's own query gives, for every season table and
// every shipped season: JSON columns, booleans, nulls and all.
import { eq, getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpenedDatabase } from '../../src/db/client.js';
import { importSeason } from '../../src/db/import.js';
import { competitions, SEASON_TABLES_PARENTS_FIRST, seasons } from '../../src/db/schema.js';
import { loadSeason, tableRows } from '../../src/db/season-repo.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import { makeTestDb } from './helpers.js';

const shipped = seasonFilesIn().map((file) => readSeasonFile(file));

type SeasonTable = (typeof SEASON_TABLES_PARENTS_FIRST)[number];
/** Every table of a season's rows (keyed by season_id): all but the competition and the season's own row. */
const ROW_TABLES = SEASON_TABLES_PARENTS_FIRST.filter(
  (table): table is Exclude<SeasonTable, typeof competitions | typeof seasons> => table !== competitions && table !== seasons,
);

let handle: OpenedDatabase;
beforeAll(() => {
  handle = makeTestDb();
  for (const { season, hash } of shipped) importSeason(handle.db, season, hash);
});
afterAll(() => handle.close());

describe('the rows of a season', () => {
  test('the shipped seasons are there to compare', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
  });

  test.each(ROW_TABLES.map((table) => [getTableName(table), table] as const))('%s: the same rows as drizzle maps, in every shipped season', (_name, table) => {
    const query = handle.db.select().from(table).where(eq(table.seasonId, sql.placeholder('id'))).prepare();
    const read = tableRows(handle.db, table);
    let rows = 0;
    for (const { season } of shipped) {
      const expected = query.all({ id: season.id });
      expect(read(season.id)).toStrictEqual(expected);
      rows += expected.length;
    }
    // Each table has rows in some shipped season (else this compared nothing).
    expect(rows).toBeGreaterThan(0);
  });

  test.each(shipped.map(({ season }) => [season.id, season] as const))('%s loads back equal to its file', (id, season) => {
    expect(loadSeason(handle.db, id)).toStrictEqual(season);
  });
});
