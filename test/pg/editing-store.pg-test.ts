// The editing store's contract, the same scenarios on SQLite and on a real PostgreSQL: a confirmed
// change is one transaction (journal, overrides, re-import, sightings), survives a re-import of its
// file (the conflict kept), is refused an undo while a later change stands on it, and an undo puts
// the file's value back; an editor's new season is imported from its base. The journal reads the same
// on both engines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JournalRow, NewJournalRow } from '../../src/db/editing.js';
import { sqliteEditing, type EditingStore } from '../../src/db/store/editing.js';
import { pgEditing, pgSeasonData } from '../../src/db/pg/store.js';
import { sqliteSeasonData, type SeasonDataStore } from '../../src/db/store/season-data.js';
import type { Season } from '../../src/domain/types.js';
import { formatTemplates, newSeasonFile } from '../../src/editing/templates.js';
import { readSeasonFile } from '../../src/season/read.js';
import { bothEngines, type OnEngine } from './support.js';




const FILE = 'data/seasons/caf-cl-2023-24.json';
const fromFile = readSeasonFile(FILE);
const ID = fromFile.season.id;
const MATCH = fromFile.season.matches[0]?.id ?? '';
const EDITOR = { editorId: '111111111111111111', editorName: 'Ama', guildId: '222222222222222222' };
const at = (minutes: number): Date => new Date(Date.parse('2024-06-01T10:00:00Z') + minutes * 60_000);

const change = (minutes: number, venue: string): NewJournalRow => ({
  seasonId: ID,
  matchId: MATCH,
  action: 'fixture',
  ...EDITOR,
  at: at(minutes),
  before: {},
  after: { venue },
  source: 'https://www.cafonline.com/',
  reason: null,
  undoes: null,
});

const venueOf = (season: Season | undefined): string | null | undefined => season?.matches.find((m) => m.id === MATCH)?.venue;

/** The journal without ids and times the engines number on their own. */
const journalShape = (rows: readonly JournalRow[]) => rows.map(({ id: _id, undoes, undoneBy, ...rest }) => ({ ...rest, undoes: undoes !== null, undone: undoneBy !== null }));

const ENGINES = bothEngines('editing-store', {
  sqlite: (db) => ({ data: sqliteSeasonData(db), editing: sqliteEditing(db) }),
  pg: (db) => ({ data: pgSeasonData(db), editing: pgEditing(db) }),
});

const journals = new Map<string, unknown>();

describe.each(ENGINES)('editing on %s', (name, open) => {
  let engine: OnEngine<{ data: SeasonDataStore; editing: EditingStore }>;
  beforeAll(async () => {
    engine = await open();
    await engine.data.importFileIfChanged(fromFile, at(0));
  });
  afterAll(async () => {
    await engine.close();
  });

  test('a change, a later one on the same field, a file re-import, then undo in order', async () => {
    const before = await engine.data.loadSeason(ID);
    const first = await engine.editing.confirmChange(before, change(1, 'Stade A'), [{ matchId: MATCH, field: 'venue', value: 'Stade A' }], at(1));
    expect(venueOf(first.imported.season)).toBe('Stade A');
    expect(venueOf(await engine.data.loadSeason(ID))).toBe('Stade A');
    expect((await engine.editing.readBase(ID))?.origin).toBe('file');
    const second = await engine.editing.confirmChange(first.imported.season, change(2, 'Stade B'), [{ matchId: MATCH, field: 'venue', value: 'Stade B' }], at(2));
    expect(venueOf(await engine.data.loadSeason(ID))).toBe('Stade B');
    expect((await engine.editing.liveOverrides(ID)).map((o) => o.value)).toEqual(['Stade A', 'Stade B']);
    expect((await engine.editing.dependentsOf(first.row.id)).map((r) => r.id)).toEqual([second.row.id]);

    // The file changes that match's venue: the override stays, the conflict is reported.
    const edited = { season: { ...fromFile.season, matches: fromFile.season.matches.map((m) => (m.id === MATCH ? { ...m, venue: 'From the file' } : m)) }, hash: 'edited-file' };
    const reimported = await engine.data.importFileIfChanged(edited, at(3));
    expect(venueOf(reimported?.season)).toBe('Stade B');
    expect(reimported?.conflicts.map((c) => [c.field, c.sourceValue, c.overrideValue])).toEqual([['venue', 'From the file', 'Stade B']]);
    expect((await engine.editing.notableSourceConflicts(reimported?.conflicts ?? [])).length).toBe(1);

    const undo = (undoes: number, minutes: number) => ({ seasonId: ID, matchId: MATCH, ...EDITOR, at: at(minutes), before: {}, after: {}, source: `undo of change #${undoes}`, reason: null, undoes });
    const undone2 = await engine.editing.undoChange(await engine.data.loadSeason(ID), undo(second.row.id, 4), at(4));
    expect(venueOf(undone2.imported.season)).toBe('Stade A');
    expect((await engine.editing.journalEntry(second.row.id))?.undoneBy).toBe(undone2.row.id);
    expect(await engine.editing.dependentsOf(first.row.id)).toEqual([]);
    await engine.editing.undoChange(await engine.data.loadSeason(ID), undo(first.row.id, 5), at(5));
    expect(venueOf(await engine.data.loadSeason(ID))).toBe('From the file');
    expect(await engine.editing.liveOverrides(ID)).toEqual([]);
    expect((await engine.editing.overridesOfEntry(first.row.id)).length).toBe(1);

    const journal = await engine.editing.journalOf(ID);
    expect(journal.map((r) => r.action)).toEqual(['undo', 'undo', 'fixture', 'fixture']);
    expect((await engine.editing.journalOf(ID, { matchId: MATCH, limit: 1 })).map((r) => r.id)).toEqual([journal[0]?.id]);
    journals.set(name, journalShape(journal));
  });

  test('a result saved by an editor is known from then; the same result again changes nothing', async () => {
    const before = await engine.data.loadSeason(ID);
    const target = before.matches.find((m) => m.status === 'played' && m.score !== null);
    if (target === undefined || target.score === null) throw new Error('no played match');
    const score = { home: target.score.home + 3, away: target.score.away };
    const entry: NewJournalRow = { ...change(10, ''), matchId: target.id, action: 'result', after: { score } };
    const saved = await engine.editing.confirmChange(before, entry, [{ matchId: target.id, field: 'score', value: score }], at(10));
    expect(saved.imported.season.matches.find((m) => m.id === target.id)?.score).toEqual(score);
    const sightings = await engine.editing.sightingsOf(ID, target.id);
    expect(sightings.filter((s) => s.fact === 'result').map((s) => s.knownAt)).toEqual([at(10)]);
    expect(await engine.editing.recordSightings(sightings.map(({ knownAt: _k, ...s }) => s), at(11))).toEqual([]);
  });

  test('a season an editor starts is stored from its base and listed as an editor season', async () => {
    const template = formatTemplates()[0];
    if (template === undefined) throw new Error('no format template');
    const body = newSeasonFile({ id: 'caf-test-2030', competition: 'Test Cup', label: '2030', format: template.format, source: 'https://example.org/', today: '2030-01-01' });
    const row = await engine.editing.startSeason({ ...change(20, ''), seasonId: 'caf-test-2030', matchId: null, action: 'season_new', after: {} }, body, at(20));
    expect(row.action).toBe('season_new');
    expect(await engine.editing.editorSeasonIds()).toEqual(['caf-test-2030']);
    expect((await engine.editing.readBaseSeason('caf-test-2030'))?.season.id).toBe('caf-test-2030');
    expect((await engine.data.loadSeason('caf-test-2030')).competition).toBe('Test Cup');
    expect(await engine.data.importEditorSeason('caf-test-2030', at(21))).toBe(true);
    expect(await engine.data.importEditorSeason('caf-none-2030', at(21))).toBe(false);
  });
});

describe('both engines', () => {
  test('keep the same journal', () => {
    expect(journals.get('SQLite')).toBeDefined();
    expect(journals.get('PostgreSQL')).toEqual(journals.get('SQLite'));
  });
});
