// The season data store's contract, the same scenarios on SQLite and on a real PostgreSQL: every
// shipped season imports and loads back equal (and equal across engines), the data version moves
// with each import, a file import happens once per content, a failing import leaves the previous
// season in place, a source update records what it brings, seasons not listed are removed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sqliteEditing, type EditingStore } from '../../src/db/store/editing.js';
import { pgEditing, pgSeasonData } from '../../src/db/pg/store.js';
import { sqliteSeasonData, type SeasonDataStore } from '../../src/db/store/season-data.js';
import type { Season, TeamId } from '../../src/domain/types.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import { bothEngines, type OnEngine } from './support.js';




const FILES = seasonFilesIn();
const shipped = FILES.map((file) => readSeasonFile(file));
const T0 = new Date('2024-06-01T10:00:00Z');

/** A match of a season with a changed venue: what a source update might bring. */
const withVenue = (season: Season, matchId: string, venue: string): Season => ({
  ...season,
  matches: season.matches.map((m) => (m.id === matchId ? { ...m, venue } : m)),
});

const ENGINES = bothEngines('season-data', {
  sqlite: (db) => ({ data: sqliteSeasonData(db), editing: sqliteEditing(db) }),
  pg: (db) => ({ data: pgSeasonData(db), editing: pgEditing(db) }),
});

const loadedBy = new Map<string, Map<string, Season>>();

describe.each(ENGINES)('season data on %s', (name, open) => {
  let engine: OnEngine<{ data: SeasonDataStore; editing: EditingStore }>;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(async () => {
    await engine.close();
  });

  test('every shipped season imports once per content and loads back as imported', async () => {
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    const loaded = new Map<string, Season>();
    for (const fromFile of shipped) {
      const first = await engine.data.importFileIfChanged(fromFile, T0);
      expect(first?.summary.seasonId).toBe(fromFile.season.id);
      expect(first?.summary.counts.matches).toBe(fromFile.season.matches.length);
      // Same content again: nothing to do.
      expect(await engine.data.importFileIfChanged(fromFile, T0)).toBeNull();
      const back = await engine.data.loadSeason(fromFile.season.id);
      expect(back).toEqual(fromFile.season);
      loaded.set(back.id, back);
    }
    loadedBy.set(name, loaded);
    const stored = await engine.data.storedSeasons();
    expect(stored.map((s) => s.id)).toEqual(shipped.map((f) => f.season.id).sort());
    expect(stored.every((s) => s.version?.hash !== undefined)).toBe(true);
    const hashes = await engine.data.importedFileHashes();
    for (const fromFile of shipped) expect(hashes.get(fromFile.hash)).toBe(fromFile.season.id);
    const all = await engine.data.loadAll();
    expect(all.map((s) => s.season)).toEqual(stored.map((s) => loaded.get(s.id)));
  });

  test('the data version and signature move with each import; the last import is recorded', async () => {
    const first = shipped[0];
    if (first === undefined) throw new Error('no season file');
    const id = first.season.id;
    const before = await engine.data.dataVersion(id);
    const signature = await engine.data.dataSignature();
    expect(before?.hash).toBe(first.hash);
    const later = new Date(T0.getTime() + 60_000);
    const summary = await engine.data.importSeason(withVenue(first.season, first.season.matches[0]?.id ?? '', 'Moved'), 'source:plain-1', later);
    expect(summary.hash).toBe('source:plain-1');
    const after = await engine.data.dataVersion(id);
    expect(after).toEqual({ hash: 'source:plain-1', importedAt: later });
    expect(await engine.data.dataSignature()).not.toBe(signature);
    expect(await engine.data.lastImport(id)).toEqual(summary);
    // The last FILE import is still the file's.
    expect((await engine.data.lastImport(id, { fileOnly: true }))?.hash).toBe(first.hash);
    // Back to the file's content for the next tests.
    await engine.data.importSeason(first.season, first.hash, later);
  });

  test('a failing import leaves the previous season intact (one transaction)', async () => {
    const first = shipped[0];
    if (first === undefined) throw new Error('no season file');
    const id = first.season.id;
    const version = await engine.data.dataVersion(id);
    const goodMatch = first.season.matches.find((m) => m.goals.length > 0) ?? first.season.matches[0];
    if (goodMatch === undefined) throw new Error('no match');
    // A goal by a team the season does not have: the foreign key refuses it, late in the import.
    const broken: Season = {
      ...first.season,
      matches: first.season.matches.map((m) =>
        m.id === goodMatch.id ? { ...m, venue: 'Never stored', goals: [...m.goals, { team: 'no-such-team' as TeamId, player: 'X', minute: '1', type: 'regular' as const }] } : m,
      ),
    };
    await expect(engine.data.importSeason(broken, 'broken', new Date())).rejects.toThrow(/Season import failed/);
    expect(await engine.data.loadSeason(id)).toEqual(first.season);
    expect(await engine.data.dataVersion(id)).toEqual(version);
  });

  test('a source update is imported with the overrides on top and records what it brings', async () => {
    const fromFile = shipped.find((f) => f.season.matches.some((m) => m.status === 'played'));
    if (fromFile === undefined) throw new Error('no played match');
    const id = fromFile.season.id;
    const played = fromFile.season.matches.find((m) => m.status === 'played');
    if (played?.score === null || played === undefined) throw new Error('no score');
    const before = await engine.data.loadSeason(id);
    const update: Season = {
      ...before,
      matches: before.matches.map((m) => (m.id === played.id ? { ...m, score: { home: (played.score?.home ?? 0) + 5, away: played.score?.away ?? 0 }, goals: [] } : m)),
    };
    const at = new Date(T0.getTime() + 120_000);
    const imported = await engine.data.importFromSource(before, update, 'feed-1', at);
    expect(imported.summary.hash).toBe('source:feed-1');
    expect(imported.conflicts).toEqual([]);
    const facts = await engine.data.readKnownFacts(id);
    expect(facts.results.get(played.id)).toBe(at.getTime());
    expect((await engine.data.loadSeason(id)).matches.find((m) => m.id === played.id)?.score?.home).toBe((played.score?.home ?? 0) + 5);
    expect((await engine.editing.readBase(id))?.origin).toBe('source');
    // The file's import is still the last file import: an unchanged file does not overwrite the source at the next start.
    expect(await engine.data.importFileIfChanged(fromFile, at)).toBeNull();
    // Put the file back for the comparison across engines.
    await engine.data.importSeason(fromFile.season, fromFile.hash, at);
  });

  test('seasons not kept are removed, their import history kept', async () => {
    const [keep, ...rest] = shipped;
    if (keep === undefined) throw new Error('no season file');
    const extra: Season = { ...keep.season, id: 'caf-test-9999', name: `${keep.season.name} copy` };
    await engine.data.importSeason(extra, 'extra', T0);
    const removed = await engine.data.removeSeasonsExcept([keep.season.id, ...rest.map((f) => f.season.id)]);
    expect(removed).toEqual(['caf-test-9999']);
    expect(await engine.data.isSeasonStored('caf-test-9999')).toBe(false);
    expect(await engine.data.dataSignature()).not.toMatch(/caf-test-9999/);
    expect((await engine.data.storedSeasons()).length).toBe(shipped.length);
  });
});

describe('both engines', () => {
  test('load every shipped season back deep-equal to each other', () => {
    const sqlite = loadedBy.get('SQLite');
    const pg = loadedBy.get('PostgreSQL');
    expect(sqlite?.size).toBe(shipped.length);
    expect(pg?.size).toBe(shipped.length);
    for (const [id, season] of sqlite ?? []) expect(pg?.get(id)).toEqual(season);
  });
});
