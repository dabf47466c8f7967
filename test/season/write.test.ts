import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSeason } from '../../src/season/parse.js';
import { readSeasonFile, SEASONS_FOLDER } from '../../src/season/read.js';
import { seasonToFile } from '../../src/season/write.js';

// A season written back as a file reads back as the same season, and keeps the file's own text.

const shipped = ['caf-cc-2023-24.json', 'caf-cl-2023-24.json'].map((name) => join(SEASONS_FOLDER, name));

describe('seasonToFile', () => {
  test.each(shipped)('%s: written back and parsed again, the season is unchanged', (path) => {
    const { season } = readSeasonFile(path);
    const file = seasonToFile(season);
    expect(parseSeason(JSON.parse(JSON.stringify(file)), 'export.json').season).toStrictEqual(season);
  });

  test('the file\'s comment, about and group notes and sources are kept when given', () => {
    const path = shipped[0]!;
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { $comment: string; about: string; groups: { id: string; note: string | null; sources: string[] }[] };
    const file = seasonToFile(readSeasonFile(path).season, { $comment: raw.$comment, about: raw.about, groups: raw.groups });
    expect(file.$comment).toBe(raw.$comment);
    expect(file.about).toBe(raw.about);
    expect(file.groups.map((g) => [g.id, g.note, g.sources])).toEqual(raw.groups.map((g) => [g.id, g.note, g.sources]));
    expect(file.groups.map((g) => g.teams.length)).toEqual([4, 4, 4, 4]);
  });

  test('staleAfter and endDate are written only when they differ from the defaults', () => {
    const { season } = readSeasonFile(shipped[0]!);
    expect(seasonToFile(season)).not.toHaveProperty('staleAfter');
    const file = seasonToFile({ ...season, staleAfterDays: 10, endDate: '2024-06-30' });
    expect(file).toMatchObject({ staleAfter: 10, endDate: '2024-06-30' });
    expect(parseSeason(JSON.parse(JSON.stringify(file)), 'x.json').season).toMatchObject({ staleAfterDays: 10, endDate: '2024-06-30' });
  });

  test('a match naming a team the season does not hold is refused', () => {
    const { season } = readSeasonFile(shipped[0]!);
    const broken = { ...season, matches: [{ ...season.matches[0]!, home: 'nobody' }] };
    expect(() => seasonToFile(broken)).toThrow(/team nobody, which is not among its teams/);
  });
});
