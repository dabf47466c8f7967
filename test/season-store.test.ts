import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSeasonStore, readSeasonReadOnly, readSeasonsReadOnly, UnknownSeasonError } from '../src/season-store.js';
import { SeasonFileError } from '../src/season/parse.js';
import { DEFAULT_SEASON_FILE, readSeasonFile, SEASONS_FOLDER } from '../src/season/read.js';
import { attachSeasonStore } from '../src/shard-store.js';

const dir = mkdtempSync(join(tmpdir(), 'caf-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('season store (what the bot and the CLI open)', () => {
  it('imports on first open, skips an unchanged file, and re-imports an edited one', () => {
    const databasePath = join(dir, 'store.sqlite');
    const seasonFile = join(dir, 'season.json');
    copyFileSync(DEFAULT_SEASON_FILE, seasonFile);

    const first = openSeasonStore({ databasePath, seasonFile });
    expect(first.imported).toBe(true);
    const firstHash = first.dataVersion()?.hash;
    first.close();

    const second = openSeasonStore({ databasePath, seasonFile });
    expect(second.imported).toBe(false);
    second.close();

    // Correct a venue, as an operator would, and restart.
    const json = JSON.parse(readFileSync(seasonFile, 'utf8')) as { matches: { id: string; venue: string | null }[] };
    json.matches.find((m) => m.id === 'GA-MD1-1')!.venue = 'Edited venue';
    writeFileSync(seasonFile, JSON.stringify(json, null, 2));
    const third = openSeasonStore({ databasePath, seasonFile });
    expect(third.imported).toBe(true);
    expect(third.dataVersion()?.hash).not.toBe(firstHash);
    expect(third.season().matches.find((m) => m.id === 'GA-MD1-1')?.venue).toBe('Edited venue');
    third.close();
  });

  it('GIVEN a file whose bytes hash to its season\'s last import THEN the start neither parses nor validates it again', () => {
    const databasePath = join(dir, 'hash-skip.sqlite');
    const seasonFile = join(dir, 'hash-skip.json');
    copyFileSync(DEFAULT_SEASON_FILE, seasonFile);
    const first = openSeasonStore({ databasePath, seasonFile });
    const seasonId = first.season().id;
    first.close();

    // Bytes that would fail validation, recorded as if they had been this season's last file import:
    // a start that still parsed the file would report it invalid.
    const json = JSON.parse(readFileSync(seasonFile, 'utf8')) as { matches: { home: string }[] };
    json.matches[0]!.home = 'Nobody United';
    const bytes = JSON.stringify(json);
    writeFileSync(seasonFile, bytes);
    const sqlite = new Database(databasePath);
    sqlite
      .prepare(
        `insert into data_imports (season_id, content_hash, imported_at, associations, teams, aliases, matches, goals, calendar_entries, conflicts, gaps)
         select season_id, ?, imported_at + 1, associations, teams, aliases, matches, goals, calendar_entries, conflicts, gaps from data_imports where season_id = ? order by id desc limit 1`,
      )
      .run(createHash('sha256').update(bytes).digest('hex'), seasonId);
    sqlite.close();

    const store = openSeasonStore({ databasePath, seasonFile });
    expect(store.imported).toBe(false);
    expect(store.fileProblems).toEqual([]);
    expect(store.season().id).toBe(seasonId);
    store.close();
  });

  it('GIVEN a file edited back to an earlier import\'s content THEN it is imported again (only the last import counts)', () => {
    const databasePath = join(dir, 'hash-revert.sqlite');
    const seasonFile = join(dir, 'hash-revert.json');
    copyFileSync(DEFAULT_SEASON_FILE, seasonFile);
    const original = readFileSync(seasonFile);
    openSeasonStore({ databasePath, seasonFile }).close();

    const json = JSON.parse(original.toString('utf8')) as { matches: { id: string; venue: string | null }[] };
    json.matches.find((m) => m.id === 'GA-MD1-1')!.venue = 'Edited venue';
    writeFileSync(seasonFile, JSON.stringify(json));
    openSeasonStore({ databasePath, seasonFile }).close();

    writeFileSync(seasonFile, original);
    const reverted = openSeasonStore({ databasePath, seasonFile });
    expect(reverted.imported).toBe(true);
    expect(reverted.season().matches.find((m) => m.id === 'GA-MD1-1')?.venue).not.toBe('Edited venue');
    reverted.close();
  });

  it('keeps the last good data when an edited file is invalid, and reports why', () => {
    const databasePath = join(dir, 'keep.sqlite');
    const seasonFile = join(dir, 'keep.json');
    copyFileSync(DEFAULT_SEASON_FILE, seasonFile);
    openSeasonStore({ databasePath, seasonFile }).close();

    const json = JSON.parse(readFileSync(seasonFile, 'utf8')) as { matches: { home: string }[] };
    json.matches[0]!.home = 'Nobody United';
    writeFileSync(seasonFile, JSON.stringify(json));
    const store = openSeasonStore({ databasePath, seasonFile });
    expect(store.imported).toBe(false);
    expect(store.fileProblem).toMatch(/matches\[0\]\.home/);
    expect(store.season().teams).toHaveLength(52);
    store.close();
  });

  it('refuses to start from an invalid file when there is no earlier import to fall back on', () => {
    const seasonFile = join(dir, 'bad.json');
    writeFileSync(seasonFile, '{ "not": "a season" }');
    expect(() => openSeasonStore({ databasePath: join(dir, 'empty.sqlite'), seasonFile })).toThrow(SeasonFileError);
  });
});

describe('read-only season reading (what the query CLI uses)', () => {
  const editedCopy = (name: string, edit: (json: { matches: { id: string; venue: string | null; home: string }[] }) => void): string => {
    const path = join(dir, name);
    const json = JSON.parse(readFileSync(DEFAULT_SEASON_FILE, 'utf8')) as { matches: { id: string; venue: string | null; home: string }[] };
    edit(json);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };

  it('with no database file: reads the season file and creates nothing', () => {
    const databasePath = join(dir, 'ro-missing', 'bot.sqlite');
    const reading = readSeasonReadOnly({ databasePath });
    expect(reading).toMatchObject({ source: 'file', note: null });
    expect(reading.season.teams).toHaveLength(52);
    expect(existsSync(join(dir, 'ro-missing'))).toBe(false);
  });

  it('with a current database: reads it, and leaves no new file next to it', () => {
    const databasePath = join(dir, 'ro-current.sqlite');
    const seasonFile = join(dir, 'ro-current.json');
    copyFileSync(DEFAULT_SEASON_FILE, seasonFile);
    openSeasonStore({ databasePath, seasonFile }).close();
    const before = readFileSync(databasePath);

    const reading = readSeasonReadOnly({ databasePath, seasonFile });
    expect(reading).toMatchObject({ source: 'database', note: null });
    expect(readFileSync(databasePath).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('ro-current') && name.endsWith('.bak'))).toEqual([]);
  });

  it('with a file edited since the import: shows the edit without importing it', () => {
    const databasePath = join(dir, 'ro-edited.sqlite');
    const seasonFile = join(dir, 'ro-edited.json');
    copyFileSync(DEFAULT_SEASON_FILE, seasonFile);
    openSeasonStore({ databasePath, seasonFile }).close();
    editedCopy('ro-edited.json', (json) => {
      json.matches.find((m) => m.id === 'GA-MD1-1')!.venue = 'Edited venue';
    });

    const reading = readSeasonReadOnly({ databasePath, seasonFile });
    expect(reading).toMatchObject({ source: 'file', note: expect.stringContaining('changed since the database') });
    expect(reading.season.matches.find((m) => m.id === 'GA-MD1-1')?.venue).toBe('Edited venue');
    const store = openSeasonStore({ databasePath, seasonFile: DEFAULT_SEASON_FILE });
    expect(store.imported).toBe(false); // the database still holds the original import
    store.close();
  });

  it('with an invalid file and an earlier import: keeps the imported data and says why', () => {
    const databasePath = join(dir, 'ro-invalid.sqlite');
    openSeasonStore({ databasePath }).close();
    const seasonFile = editedCopy('ro-invalid.json', (json) => {
      json.matches[0]!.home = 'Nobody United';
    });
    const reading = readSeasonReadOnly({ databasePath, seasonFile });
    expect(reading).toMatchObject({ source: 'database', note: expect.stringContaining('is invalid') });
    expect(reading.season.teams).toHaveLength(52);
  });

  it('with an invalid file and nothing imported: throws the file\'s problems', () => {
    const seasonFile = join(dir, 'ro-bad.json');
    writeFileSync(seasonFile, '{ "not": "a season" }');
    expect(() => readSeasonReadOnly({ databasePath: join(dir, 'ro-none.sqlite'), seasonFile })).toThrow(SeasonFileError);
    expect(existsSync(join(dir, 'ro-none.sqlite'))).toBe(false);
  });
});

describe('several seasons in one store', () => {
  const CL_FILE = join(SEASONS_FOLDER, 'caf-cl-2023-24.json');
  /** A copy of a shipped season file in its own folder, so a test can edit or remove it. */
  const copyOf = (source: string, name: string): string => {
    const path = join(mkdtempSync(join(dir, 'files-')), name);
    copyFileSync(source, path);
    return path;
  };
  const importsOf = (databasePath: string) => {
    const sqlite = new Database(databasePath, { readonly: true });
    try {
      return sqlite.prepare('select season_id, content_hash from data_imports order by id').all() as { season_id: string; content_hash: string }[];
    } finally {
      sqlite.close();
    }
  };

  it('by default loads every data/seasons/*.json; the catalog lists them newest first and the first file is the default season', () => {
    const store = openSeasonStore({ databasePath: join(dir, 'all.sqlite') });
    try {
      const catalog = store.catalog();
      expect(catalog.list().map((e) => [e.id, e.competition, e.label])).toEqual([
        ['caf-cl-2024-25', 'CAF Champions League', '2024-25'],
        ['caf-afl-2023', 'African Football League', '2023'],
        ['caf-cl-2023-24', 'CAF Champions League', '2023-24'],
        ['caf-cc-2023-24', 'CAF Confederation Cup', '2023-24'],
      ]);
      expect(catalog.list().every((e) => e.updatedAt instanceof Date)).toBe(true);
      expect(catalog.get('caf-cl-2023-24')?.matches).toHaveLength(138);
      expect(catalog.get('caf-cc-2023-24')?.teams).toHaveLength(52);
      expect(catalog.get('nope')).toBeUndefined();
      expect(store.season().id).toBe('caf-cc-2023-24');
      expect(store.dataVersion()?.hash).toBe(readSeasonFile(DEFAULT_SEASON_FILE).hash);
      // Each season answers with its own version (/about competition:…), an unknown id with none.
      expect(store.dataVersion('caf-cc-2023-24')?.hash).toBe(readSeasonFile(DEFAULT_SEASON_FILE).hash);
      expect(store.dataVersion('caf-cl-2023-24')?.hash).toBe(readSeasonFile(CL_FILE).hash);
      expect(store.dataVersion('nope')).toBeNull();
    } finally {
      store.close();
    }
  });

  it('imports each file in its own right: an edit to one re-imports that season only', () => {
    const databasePath = join(dir, 'per-season.sqlite');
    const cc = copyOf(DEFAULT_SEASON_FILE, 'cc.json');
    const cl = copyOf(CL_FILE, 'cl.json');
    openSeasonStore({ databasePath, seasonFiles: [cc, cl] }).close();
    expect(importsOf(databasePath).map((r) => r.season_id)).toEqual(['caf-cc-2023-24', 'caf-cl-2023-24']);

    const json = JSON.parse(readFileSync(cl, 'utf8')) as { matches: { venue: string | null }[] };
    json.matches[0]!.venue = 'Edited venue';
    writeFileSync(cl, JSON.stringify(json, null, 2));
    const store = openSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    try {
      expect(store.imported).toBe(true);
      expect(importsOf(databasePath).map((r) => r.season_id)).toEqual(['caf-cc-2023-24', 'caf-cl-2023-24', 'caf-cl-2023-24']);
      expect(store.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('Edited venue');
      expect(store.catalog().get('caf-cc-2023-24')?.teams).toHaveLength(52);
    } finally {
      store.close();
    }
  });

  it('an invalid file keeps its season\'s last good import, the other seasons import, and the problem names the file', () => {
    const databasePath = join(dir, 'one-bad.sqlite');
    const cc = copyOf(DEFAULT_SEASON_FILE, 'cc.json');
    const cl = copyOf(CL_FILE, 'cl.json');
    openSeasonStore({ databasePath, seasonFiles: [cc] }).close();
    openSeasonStore({ databasePath, seasonFiles: [cc, cl] }).close();
    const json = JSON.parse(readFileSync(cc, 'utf8')) as { matches: { home: string }[] };
    json.matches[0]!.home = 'Nobody United';
    writeFileSync(cc, JSON.stringify(json));

    const store = openSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    try {
      expect(store.fileProblems).toEqual([{ file: cc, seasonId: 'caf-cc-2023-24', message: expect.stringMatching(/matches\[0\]\.home/) }]);
      expect(store.catalog().list().map((e) => e.id)).toEqual(['caf-cl-2023-24', 'caf-cc-2023-24']);
      expect(store.season().teams).toHaveLength(52);
    } finally {
      store.close();
    }
  });

  it('an invalid new file with no earlier import is not served, and the other seasons are', () => {
    const bad = join(mkdtempSync(join(dir, 'files-')), 'bad.json');
    writeFileSync(bad, '{ "id": "caf-xx-2030", "not": "a season" }');
    const store = openSeasonStore({ databasePath: join(dir, 'new-bad.sqlite'), seasonFiles: [bad, copyOf(CL_FILE, 'cl.json')] });
    try {
      expect(store.catalog().list().map((e) => e.id)).toEqual(['caf-cl-2023-24']);
      expect(store.season().id).toBe('caf-cl-2023-24');
      expect(store.fileProblems.map((p) => p.seasonId)).toEqual(['caf-xx-2030']);
    } finally {
      store.close();
    }
  });

  it('a season whose file left the list is no longer served (its rows go); listed again, it is imported again', () => {
    const databasePath = join(dir, 'dropped.sqlite');
    const cc = copyOf(DEFAULT_SEASON_FILE, 'cc.json');
    const cl = copyOf(CL_FILE, 'cl.json');
    openSeasonStore({ databasePath, seasonFiles: [cc, cl] }).close();

    const without = openSeasonStore({ databasePath, seasonFiles: [cc] });
    try {
      expect(without.catalog().list().map((e) => e.id)).toEqual(['caf-cc-2023-24']);
      const left = without.sqlite.prepare("select count(*) as n from matches where season_id = 'caf-cl-2023-24'").get();
      expect(left).toEqual({ n: 0 });
    } finally {
      without.close();
    }
    const back = openSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    try {
      expect(back.imported).toBe(true);
      expect(back.catalog().get('caf-cl-2023-24')?.matches).toHaveLength(138);
    } finally {
      back.close();
    }
  });

  it('two files holding one season: the later is ignored and reported', () => {
    const cc = copyOf(DEFAULT_SEASON_FILE, 'cc.json');
    const again = copyOf(DEFAULT_SEASON_FILE, 'cc-again.json');
    const store = openSeasonStore({ databasePath: join(dir, 'twice.sqlite'), seasonFiles: [cc, again] });
    try {
      expect(store.fileProblems).toEqual([{ file: again, seasonId: 'caf-cc-2023-24', message: expect.stringContaining('an earlier file in the list already holds') }]);
      expect(store.catalog().list()).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('a shard attaches to the same seasons and the same default season, without importing', () => {
    const databasePath = join(dir, 'shard.sqlite');
    const cl = copyOf(CL_FILE, 'cl.json');
    const cc = copyOf(DEFAULT_SEASON_FILE, 'cc.json');
    openSeasonStore({ databasePath, seasonFiles: [cl, cc] }).close();
    const shard = attachSeasonStore({ databasePath, seasonFiles: [cl, cc] });
    try {
      expect(shard.catalog().list().map((e) => e.id)).toEqual(['caf-cl-2023-24', 'caf-cc-2023-24']);
      expect(shard.season().id).toBe('caf-cl-2023-24');
      expect(shard.dataVersion()?.hash).toBe(readSeasonFile(cl).hash);
    } finally {
      shard.close();
    }
  });

  it('a source update is served at once, survives a restart with the file unchanged, and an edited file wins again', async () => {
    const databasePath = join(dir, 'source.sqlite');
    const cc = copyOf(DEFAULT_SEASON_FILE, 'cc.json');
    const cl = copyOf(CL_FILE, 'cl.json');
    const store = openSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    const other = attachSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    try {
      const current = store.catalog().get('caf-cl-2023-24')!;
      const updated = { ...current, matches: current.matches.map((m, i) => (i === 0 ? { ...m, venue: 'From the source' } : m)) };
      const summary = await store.importFromSource(updated, 'abc123');
      expect(summary.hash).toBe('source:abc123');
      expect(store.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('From the source');
      expect(store.catalog().get('caf-cc-2023-24')).toBe(store.season());
      // Another process sees it once it reloads.
      expect(other.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).not.toBe('From the source');
      await other.reload();
      expect(other.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('From the source');
      await expect(store.importFromSource({ ...updated, id: 'caf-xx-2030' }, 'x')).rejects.toThrow(/not served here/);
    } finally {
      store.close();
      other.close();
    }

    const restarted = openSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    try {
      expect(restarted.imported).toBe(false);
      expect(restarted.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('From the source');
    } finally {
      restarted.close();
    }

    const json = JSON.parse(readFileSync(cl, 'utf8')) as { matches: { venue: string | null }[] };
    json.matches[0]!.venue = 'Edited in the file';
    writeFileSync(cl, JSON.stringify(json, null, 2));
    const edited = openSeasonStore({ databasePath, seasonFiles: [cc, cl] });
    try {
      expect(edited.imported).toBe(true);
      expect(edited.catalog().get('caf-cl-2023-24')?.matches[0]?.venue).toBe('Edited in the file');
    } finally {
      edited.close();
    }
  });

  it('the read-only reader gives any configured season by id, and says which are loaded for an unknown one', () => {
    const databasePath = join(dir, 'ro-several.sqlite');
    openSeasonStore({ databasePath }).close();
    expect(readSeasonReadOnly({ databasePath, seasonId: 'caf-cl-2023-24' })).toMatchObject({ source: 'database', note: null, file: CL_FILE });
    expect(readSeasonReadOnly({ databasePath }).season.id).toBe('caf-cc-2023-24');
    expect(() => readSeasonReadOnly({ databasePath, seasonId: 'caf-xx-1999' })).toThrow(UnknownSeasonError);
    expect(readSeasonsReadOnly({ databasePath }).seasons.map((r) => [r.season.id, r.source])).toEqual([
      ['caf-cc-2023-24', 'database'],
      ['caf-afl-2023', 'database'],
      ['caf-cl-2023-24', 'database'],
      ['caf-cl-2024-25', 'database'],
    ]);
  });
});
