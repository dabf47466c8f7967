import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Season } from '../../src/domain/types.js';
import { parseSeason } from '../../src/season/parse.js';
import type { SourceUpdate } from '../../src/sources/poller.js';
import { readSourceSetting, startSeasonSources } from '../../src/sources/start.js';
import { captureLog, clSeasonFile, startLocalSource, withoutResult, type LocalSource } from './support.js';

const CLUBS = new URL('../../data/clubs.json', import.meta.url).pathname;

let dir: string;
let source: LocalSource;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sources-'));
  source = await startLocalSource();
});
afterEach(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, json: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
};

describe('readSourceSetting', () => {
  test('a season file without a source has none; one with a source gives its setting with every defaulted', () => {
    expect(readSourceSetting(write('plain.json', clSeasonFile()))).toBeNull();
    const file = write('with.json', { ...clSeasonFile(), source: { url: 'https://example.org/cl.json', format: 'season-json' } });
    expect(readSourceSetting(file)).toEqual({
      file,
      identity: { id: 'caf-cl-2023-24', competition: 'CAF Champions League', label: '2023-24' },
      source: { url: 'https://example.org/cl.json', format: 'season-json', every: '15m', groups: null },
    });
  });

  test('an invalid source names the file and the field', () => {
    const file = write('bad.json', { ...clSeasonFile(), source: { url: 'https://example.org/cl.json', format: 'xml' } });
    expect(() => readSourceSetting(file)).toThrow(`${file}: source: format: expected one of "football.txt", "season-json"`);
  });
});

describe('startSeasonSources', () => {
  test('polls the seasons that name a source, at once, and hands a valid update to apply; stop ends the polling', async () => {
    const before = clSeasonFile();
    withoutResult(before, 'F-L2');
    before.champion = null;
    const loaded: Season = parseSeason(before, 'test').season;
    const withSource = write('cl.json', { ...before, source: { url: source.url, format: 'season-json', every: '10m' } });
    const without = write('other.json', { ...clSeasonFile(), id: 'caf-cc-2023-24' });
    const broken = write('broken.json', { ...clSeasonFile(), id: 'caf-cl-2024-25', source: { url: 'gopher://x', format: 'season-json' } });
    source.serve({ body: JSON.stringify(clSeasonFile()), etag: '"1"' });
    const applied: SourceUpdate[] = [];
    const log = captureLog();
    const sources = startSeasonSources({
      seasonFiles: [withSource, without, broken],
      clubsFile: CLUBS,
      current: (id) => (id === 'caf-cl-2023-24' ? loaded : undefined),
      apply: (_season, update) => {
        applied.push(update);
      },
      today: () => '2026-12-01',
      logger: log.logger,
    });
    try {
      expect([...sources.pollers.keys()]).toEqual(['caf-cl-2023-24']);
      await expect.poll(() => applied.length).toBe(1);
      expect(applied[0]?.summary).toBe('1 result');
      expect(log.lines().find((l) => l.msg === 'season source not polled: the setting is invalid')).toMatchObject({ file: broken });
    } finally {
      sources.stop();
    }
    const requests = source.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(source.requests.length).toBe(requests);
  });
});
