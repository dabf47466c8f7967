import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readSeasonFile, seasonFilesIn, SEASONS_FOLDER } from '../../src/season/read.js';

// data/seasons/template.json is where a hand-made season starts: it validates as it is, and the bot
// does not serve it.

const TEMPLATE = join(SEASONS_FOLDER, 'template.json');

test('the template is a valid season file', () => {
  const { season } = readSeasonFile(TEMPLATE);
  expect(season).toMatchObject({ id: 'caf-xx-2025-26', label: '2025-26', staleAfterDays: 21, endDate: null });
  expect(season.teams).toHaveLength(4);
});

test('the bot loads every season file in data/seasons but the template', () => {
  const files = seasonFilesIn();
  expect(files).not.toContain(TEMPLATE);
  expect(files.map((f) => f.slice(SEASONS_FOLDER.length + 1))).toEqual(['caf-cc-2023-24.json', 'caf-afl-2023.json', 'caf-cl-2023-24.json', 'caf-cl-2024-25.json']);
});
