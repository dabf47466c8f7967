// The reads a start runs once per season are statements prepared once per database (db/prepared.ts):
// each answers for the season it is given, and for the data as it is now, not as it was when it was
// first asked.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OpenedDatabase } from '../../src/db/client.js';
import { journalOf, liveOverrides, recordChange, recordSightings } from '../../src/db/editing.js';
import { importSeason, isSeasonStored, lastImport } from '../../src/db/import.js';
import { readKnownFacts } from '../../src/db/outbox-facts.js';
import { dataVersion } from '../../src/db/season-repo.js';
import { fromPackageRoot } from '../../src/package-root.js';
import { readSeasonFile } from '../../src/season/read.js';
import { makeTestDb } from './helpers.js';

const cc = readSeasonFile(join(fromPackageRoot('data', 'seasons'), 'caf-cc-2023-24.json')).season;
const cl = readSeasonFile(join(fromPackageRoot('data', 'seasons'), 'caf-cl-2023-24.json')).season;
const at = (day: number): Date => new Date(Date.UTC(2024, 5, day, 8));

let handle: OpenedDatabase;
beforeEach(() => {
  handle = makeTestDb();
});
afterEach(() => handle.close());

describe('the reads prepared once per database', () => {
  test('the last import and the data version, of one season or of any, from any import or from files only', () => {
    const { db } = handle;
    expect([lastImport(db), lastImport(db, cc.id), dataVersion(db), dataVersion(db, cc.id), isSeasonStored(db, cc.id)]).toEqual([null, null, null, null, false]);

    importSeason(db, cc, 'cc-file', at(1));
    importSeason(db, cl, 'cl-file', at(2));
    importSeason(db, cl, 'source:cl-update', at(3));

    expect(lastImport(db, cc.id)?.hash).toBe('cc-file');
    expect(lastImport(db, cl.id)?.hash).toBe('source:cl-update');
    expect(lastImport(db, cl.id, { fileOnly: true })?.hash).toBe('cl-file');
    expect(lastImport(db)?.hash).toBe('source:cl-update');
    expect(lastImport(db, undefined, { fileOnly: true })?.hash).toBe('cl-file');
    expect(dataVersion(db, cc.id)).toEqual({ hash: 'cc-file', importedAt: at(1) });
    expect(dataVersion(db)).toEqual({ hash: 'source:cl-update', importedAt: at(3) });
    expect([isSeasonStored(db, cc.id), isSeasonStored(db, cl.id), isSeasonStored(db, 'caf-cc-1999')]).toEqual([true, true, false]);

    // A later import is seen by the same statements.
    importSeason(db, cc, 'cc-file-2', at(4));
    expect(lastImport(db, cc.id, { fileOnly: true })?.hash).toBe('cc-file-2');
    expect(lastImport(db, undefined, { fileOnly: true })?.hash).toBe('cc-file-2');
    expect(dataVersion(db)?.hash).toBe('cc-file-2');
  });

  test("a season's journal with a limit is its newest entries, as without one; its live overrides and sightings are its own", () => {
    const { db } = handle;
    importSeason(db, cc, 'cc-file', at(1));
    importSeason(db, cl, 'cl-file', at(2));
    const match = (season: typeof cc) => season.matches[0]?.id ?? '';
    const entry = (season: typeof cc, minute: number) =>
      recordChange(
        db,
        { seasonId: season.id, matchId: match(season), action: 'result', editorId: '1', editorName: 'Ama', guildId: '2', at: new Date(at(5).getTime() + minute * 60_000), before: {}, after: { minute }, source: 'report', reason: null, undoes: null },
        [{ matchId: match(season), field: 'venue', value: `Stadium ${minute}` }],
      );
    for (const minute of [1, 2, 3]) entry(cc, minute);
    entry(cl, 4);

    const all = journalOf(db, cc.id);
    expect(all.map((e) => e.after)).toEqual([{ minute: 3 }, { minute: 2 }, { minute: 1 }]);
    expect(journalOf(db, cc.id, { limit: 2 })).toEqual(all.slice(0, 2));
    expect(journalOf(db, cl.id, { limit: 200 }).map((e) => e.after)).toEqual([{ minute: 4 }]);
    expect(liveOverrides(db, cc.id).map((o) => o.value)).toEqual(['Stadium 1', 'Stadium 2', 'Stadium 3']);
    expect(liveOverrides(db, cl.id).map((o) => o.value)).toEqual(['Stadium 4']);
    expect(readKnownFacts(db, cc.id).results.size).toBe(0);
    recordSightings(db, [{ seasonId: cc.id, matchId: match(cc), fact: 'result', value: '1-0' }], at(6));
    expect([...readKnownFacts(db, cc.id).results]).toEqual([[match(cc), at(6).getTime()]]);
    expect(readKnownFacts(db, cl.id).results.size).toBe(0);
  });
});
