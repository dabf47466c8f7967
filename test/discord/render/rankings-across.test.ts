import { describe, expect, test } from 'vitest';
import { renderRankingsAcross } from '../../../src/discord/render/rankings-across.js';
import { computeRankingAcross } from '../../../src/domain/ranking-across.js';
import type { Season } from '../../../src/domain/types.js';
import { createI18n, LANGUAGES } from '../../../src/i18n/index.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { allText, limitViolations } from './limits-check.js';

// /rankings across-seasons over the two shipped seasons, in every language: within Discord's limits,
// the combined table (Egypt first: 7 × 5 in each), each season's coefficient, the plain comparison sentence.

const i18n = createI18n();
const cc = readSeasonFile('data/seasons/caf-cc-2023-24.json').season;
const cl = readSeasonFile('data/seasons/caf-cl-2023-24.json').season;
const seasons: readonly Season[] = [cl, cc];
const render = (language: (typeof LANGUAGES)[number], list: readonly Season[] = seasons) =>
  renderRankingsAcross(computeRankingAcross(list), list, cc, i18n.translator(language));

describe.each(LANGUAGES)('%s', (language) => {
  const payload = render(language);

  test('within every embed limit', () => {
    expect(limitViolations(payload)).toEqual([]);
  });

  test('every key resolved (no key path left), the seasons named, no "seed"', () => {
    const text = allText(payload);
    expect(text).not.toMatch(/rankingsAcross\./);
    expect(text).toContain('CAF Champions League 2023–24');
    expect(text).toContain('CAF Confederation Cup 2023–24');
    expect(text.toLowerCase()).not.toContain('seed');
  });
});

test('English: Egypt first with 35 + 35, the loaded seasons as numbered columns, and the comparison sentence', () => {
  const payload = render('en');
  const table = payload.embeds?.[0]?.description ?? '';
  const lines = table.split('\n');
  expect(lines[1]).toMatch(/#\s+FIFA\s+Association\s+1\s+2\s+Total/);
  expect(lines[2]).toMatch(/^\s+1 EGY\s+Egypt\s+7\s+7\s+70$/);
  const legend = payload.embeds?.at(-1)?.description ?? '';
  expect(legend).toContain('**1** CAF Champions League 2023–24: × 5');
  expect(legend).toContain('**2** CAF Confederation Cup 2023–24: × 5');
  expect(legend).toContain('The published 5-year ranking was fixed before these seasons were played');
  expect(payload.embeds?.at(-1)?.footer?.text).toContain('CAF Confederation Cup 2023–24');
});

test('a season whose coefficient is not stated is named and left out of the totals', () => {
  const oneYear: Season = { ...cl, id: 'afl-test', competition: 'African Football League', label: '2023' };
  const payload = render('en', [cc, oneYear]);
  const legend = payload.embeds?.at(-1)?.description ?? '';
  expect(legend).toContain('African Football League 2023: CAF’s criteria give this season no coefficient');
  expect(payload.embeds?.[0]?.description).toMatch(/^\s+1 EGY\s+Egypt\s+7\s+35$/m);
});

test('no season with stated criteria: one plain sentence', () => {
  const superCup: Season = { ...cc, competition: 'CAF Super Cup' };
  const payload = render('fr', [superCup]);
  expect(payload.embeds).toHaveLength(1);
  expect(payload.embeds?.[0]?.description).toBe('Aucune saison chargée n’a de points fixés par les critères de classement de la CAF.');
});
