import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkClubs, type ClubsFile } from '../../src/clubs/schema.js';
import { diffSeasons, summarizeDiff } from '../../src/domain/season-diff.js';
import type { Season } from '../../src/domain/types.js';
import { parseSeason } from '../../src/season/parse.js';
import { createSourcePoller } from '../../src/sources/poller.js';
import { footballTxtReader, readerFor, SourceProblem } from '../../src/sources/readers.js';
import { seasonSourceSchema, type SeasonSource } from '../../src/sources/schema.js';
import { captureLog, clSeasonFile, startLocalSource, type LocalSource } from './support.js';

// The openfootball files the repository keeps as fixtures (test/fixtures/openfootball/README.md).
const OPENFOOTBALL = new URL('../fixtures/openfootball/', import.meta.url);
const clText = readFileSync(new URL('cl-2023-24.txt', OPENFOOTBALL), 'utf8');
const clGroups = JSON.parse(readFileSync(new URL('cl-2023-24-groups.json', OPENFOOTBALL), 'utf8')) as { groups: Record<string, string[]>; sources: string[] };
const clubs = ((): ClubsFile => {
  const checked = checkClubs(JSON.parse(readFileSync(new URL('../../data/clubs.json', import.meta.url), 'utf8')));
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  return checked.file;
})();
const identity = { id: 'caf-cl-2023-24', competition: 'CAF Champions League', label: '2023-24' };
const shipped = (): Season => parseSeason(clSeasonFile(), 'data/seasons/caf-cl-2023-24.json').season;

const txtSource = (url: string, groups: SeasonSource['groups'] = { groups: clGroups.groups, sources: clGroups.sources }): SeasonSource =>
  seasonSourceSchema().parse({ url, format: 'football.txt', every: '15m', groups });
const context = { clubs, today: () => '2026-12-01' };

describe('football.txt bodies go through the Football.TXT parser and the importer', () => {
  test('the openfootball file read from a source is the shipped season, match for match', () => {
    // The shipped file cites the file at its commit; read from that URL, every record cites the same.
    const cited = 'https://github.com/openfootball/africa/blob/16b5eccee9a91f00fd12c9cb2aa8d0cb088f919f/champions-league/2023-24/cl.txt';
    const season = footballTxtReader(identity, txtSource(cited), context)(clText);
    expect(season.id).toBe('caf-cl-2023-24');
    expect(season.matches).toHaveLength(138);
    expect(season.asOf).toBe('2026-12-01');
    expect(summarizeDiff(diffSeasons(shipped(), season))).toBe('no change');
  });

  test.each([
    ['an unreadable line', clText.replace(/Semifinals\r?\n/, 'Semifinals\r\n  this is not a match line at all\r\n'), /^cannot be read as Football\.TXT \(1 problem\(s\)\):\nline 191: this line is none of the kinds the format has — this is not a match line at all$/],
    ['a weekday that does not match the date', clText.replace('[Sat May/25]', '[Sun May/25]'), /^cannot be read as Football\.TXT \(1 problem\(s\)\):\nline 202: Sun does not match 2024-05-25, which is a Sat/],
  ])('%s: a SourceProblem naming the line', (_name, body, message) => {
    const read = footballTxtReader(identity, txtSource('https://example.org/cl.txt'), context);
    expect(() => read(body)).toThrow(SourceProblem);
    expect(() => read(body)).toThrow(message);
  });

  test('without group letters the pools are named, never guessed', () => {
    const read = footballTxtReader(identity, txtSource('https://example.org/cl.txt', null), context);
    expect(() => read(clText)).toThrow(/names no group letters.*pool 1: /s);
  });

  test('readerFor picks the reader of the format', () => {
    const json = readerFor(identity, seasonSourceSchema().parse({ url: 'https://example.org/s.json', format: 'season-json' }), context);
    expect(json(JSON.stringify(clSeasonFile())).matches).toHaveLength(138);
    expect(() => json(clText)).toThrow(/^not JSON/);
  });
});

describe('a football.txt source polled over HTTP', () => {
  let source: LocalSource;
  beforeEach(async () => {
    source = await startLocalSource('/cl.txt');
  });
  afterEach(async () => {
    await source.close();
  });

  test('a corrected final score in the served file reaches apply as "1 result corrected"', async () => {
    const applied: string[] = [];
    const log = captureLog();
    const read = footballTxtReader(identity, txtSource(source.url), context);
    const poller = createSourcePoller({
      seasonId: identity.id,
      url: source.url,
      everyMs: 900_000,
      initial: read(clText),
      read,
      apply: (season, update) => {
        applied.push(update.summary);
        expect(season.matches.find((m) => m.id === 'F-L2')?.score).toEqual({ home: 2, away: 0 });
      },
      logger: log.logger,
    });
    source.serve({ body: clText, etag: '"a"' });
    expect(await poller.pollOnce()).toMatchObject({ kind: 'unchanged', reason: 'no-change' });
    source.serve({ body: clText.replace('Al Ahly SC (EGY)         1-0 (1-0)  Espérance', 'Al Ahly SC (EGY)         2-0 (1-0)  Espérance'), etag: '"b"' });
    expect(await poller.pollOnce()).toMatchObject({ kind: 'updated' });
    expect(applied).toEqual(['1 result corrected']);
  });
});

describe('the source a season file names', () => {
  test.each([
    [{ url: 'https://example.org/cl.txt', format: 'football.txt', every: '15m' }, null],
    [{ url: 'http://127.0.0.1:8080/s.json', format: 'season-json' }, null],
    [{ url: 'https://example.org/s.json', format: 'season-json', every: '1h' }, null],
    [{ url: 'ftp://example.org/cl.txt', format: 'football.txt' }, 'expected an http:// or https:// URL'],
    [{ url: 'https://example.org/cl.txt', format: 'csv' }, 'expected one of "football.txt", "season-json"'],
    [{ url: 'https://example.org/cl.txt', format: 'football.txt', every: 'often' }, 'expected a duration like "30s", "15m" or "1h"'],
    [{ url: 'https://example.org/cl.txt', format: 'football.txt', every: '5s' }, 'expected a duration between 10s and 24h'],
    [{ url: 'https://example.org/cl.txt', format: 'football.txt', every: '25h' }, 'expected a duration between 10s and 24h'],
    [{ url: 'https://example.org/s.json', format: 'season-json', groups: { groups: { A: ['X'] }, sources: ['s'] } }, 'groups apply to a football.txt source only'],
    [{ url: 'https://example.org/cl.txt', format: 'football.txt', interval: '15m' }, 'Unrecognized key: "interval"'],
  ])('%j → %s', (input, problem) => {
    const result = seasonSourceSchema().safeParse(input);
    if (problem === null) expect(result.success).toBe(true);
    else expect(result.error?.issues.map((i) => i.message)).toContain(problem);
  });

  test('every defaults to 15 minutes', () => {
    expect(seasonSourceSchema().parse({ url: 'https://example.org/s.json', format: 'season-json' }).every).toBe('15m');
  });
});

describe('the season file holds its source', () => {
  test('a season file with a source is valid; a wrong source is a problem of the file, at its path', () => {
    const withSource = { ...clSeasonFile(), source: { url: 'https://example.org/cl.txt', format: 'football.txt', every: '1h' } };
    expect(parseSeason(withSource, 'cl.json').season.id).toBe('caf-cl-2023-24');
    const wrong = { ...clSeasonFile(), source: { url: 'https://example.org/cl.txt', format: 'football.txt', every: 'hourly' } };
    expect(() => parseSeason(wrong, 'cl.json')).toThrow('source.every: expected a duration like "30s", "15m" or "1h"');
  });
});
