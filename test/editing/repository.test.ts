// The editors' tables through src/db/editing.ts on a real, migrated SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { dependentsOf, journalEntry, journalOf, liveOverrides, readBase, recordChange, recordSightings, recordUndo, sightingsOf, writeBase } from '../../src/db/editing.js';

let dir: string;
let opened: ReturnType<typeof openDatabase>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'editing-repo-'));
  opened = openDatabase(join(dir, 'bot.sqlite'));
});
afterEach(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

const T = (minute: number) => new Date(Date.UTC(2024, 4, 19, 16, minute));
const entry = (fields: Record<string, unknown>, at = T(0)) => ({
  seasonId: 's',
  matchId: 'F-L2',
  action: 'result' as const,
  editorId: '111',
  editorName: 'Ama',
  guildId: '222',
  at,
  before: {},
  after: fields,
  source: 'CAF',
  reason: null,
  undoes: null,
});

describe('journal and overrides', () => {
  test('a change is its journal row and its overrides; later ones of the same field depend on it; an undo retires its overrides', () => {
    const { db } = opened;
    const first = recordChange(db, entry({ score: { home: 1, away: 0 } }), [{ matchId: 'F-L2', field: 'score', value: { home: 1, away: 0 } }, { matchId: 'F-L2', field: 'status', value: 'played' }]);
    const venue = recordChange(db, entry({ venue: 'Cairo' }, T(1)), [{ matchId: 'F-L2', field: 'venue', value: 'Cairo' }]);
    const second = recordChange(db, entry({ score: { home: 2, away: 0 } }, T(2)), [{ matchId: 'F-L2', field: 'score', value: { home: 2, away: 0 } }]);
    expect(liveOverrides(db, 's').map((o) => [o.journalId, o.field, o.value])).toEqual([
      [first.id, 'score', { home: 1, away: 0 }],
      [first.id, 'status', 'played'],
      [venue.id, 'venue', 'Cairo'],
      [second.id, 'score', { home: 2, away: 0 }],
    ]);
    expect(dependentsOf(db, first.id).map((e) => e.id)).toEqual([second.id]);
    expect(dependentsOf(db, venue.id)).toEqual([]);

    const undo = recordUndo(db, { ...entry({}, T(3)), before: second.after, after: second.before, undoes: second.id });
    expect(journalEntry(db, second.id)?.undoneBy).toBe(undo.id);
    expect(dependentsOf(db, first.id)).toEqual([]);
    expect(liveOverrides(db, 's').map((o) => o.journalId)).toEqual([first.id, first.id, venue.id]);
    expect(journalOf(db, 's').map((e) => [e.id, e.action])).toEqual([
      [undo.id, 'undo'],
      [second.id, 'result'],
      [venue.id, 'result'],
      [first.id, 'result'],
    ]);
    // One undo per entry: the table refuses a second.
    expect(() => recordUndo(db, { ...entry({}, T(4)), undoes: second.id })).toThrow(/UNIQUE/);
  });

  test('a row the table refuses (an editor id that is no snowflake) leaves neither journal row nor override', () => {
    const { db } = opened;
    expect(() => recordChange(db, { ...entry({ venue: 'x' }), editorId: 'not-an-id' }, [{ matchId: 'F-L2', field: 'venue', value: 'x' }])).toThrow(/CHECK/);
    expect(journalOf(db, 's')).toEqual([]);
    expect(liveOverrides(db, 's')).toEqual([]);
  });
});

describe('bases and sightings', () => {
  test('a base is replaced only when it changed; a sighting keeps its first time until the fact changes', () => {
    const { db } = opened;
    expect(writeBase(db, 's', 'file', { id: 's', v: 1 }, T(0))).toBe(true);
    expect(writeBase(db, 's', 'file', { id: 's', v: 1 }, T(1))).toBe(false);
    expect(writeBase(db, 's', 'source', { id: 's', v: 2 }, T(2))).toBe(true);
    expect(readBase(db, 's')).toMatchObject({ origin: 'source', body: { id: 's', v: 2 }, updatedAt: T(2) });

    const fact = { seasonId: 's', matchId: 'F-L2', fact: 'result', value: '[1,0]' };
    expect(recordSightings(db, [fact], T(0))).toHaveLength(1);
    expect(recordSightings(db, [fact], T(5))).toEqual([]);
    expect(sightingsOf(db, 's')[0]?.knownAt).toEqual(T(0));
    expect(recordSightings(db, [{ ...fact, value: '[2,0]' }], T(9))).toHaveLength(1);
    expect(sightingsOf(db, 's')).toEqual([{ ...fact, value: '[2,0]', knownAt: T(9) }]);
  });
});
