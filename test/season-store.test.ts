import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSeasonStore, readSeasonReadOnly } from '../src/season-store.js';
import { SeasonFileError } from '../src/season/parse.js';
import { DEFAULT_SEASON_FILE } from '../src/season/read.js';

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
