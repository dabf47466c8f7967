import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSeasonStore } from '../src/season-store.js';
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
