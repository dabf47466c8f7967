// "Totals against the printed figures" (/about, and the CLI's `stats`) said from the domain's facts in
// English, French, Arabic and Portuguese. English is the sentence the domain used to build, byte for byte.
import { describe, expect, test } from 'vitest';
import { QUERIES } from '../../../src/cli/queries.js';
import { renderAbout } from '../../../src/discord/render/about.js';
import { totalsLine } from '../../../src/discord/render/totals.js';
import { indexSeason } from '../../../src/domain/season-index.js';
import { computeStats } from '../../../src/domain/stats.js';
import type { PrintedTotals, Season } from '../../../src/domain/types.js';
import { FSI, PDI } from '../../../src/i18n/bidi.js';
import { createI18n, type Language } from '../../../src/i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../../src/i18n/resources.js';
import { readSeasonFile } from '../../../src/season/read.js';
import { printed, statsSeason } from '../../domain/stats-fixture.js';

const i18n = createI18n();
const real = readSeasonFile().season;
const linesOf = (season: Season, language: Language = 'en'): string[] =>
  computeStats(season).reconciliation.map((check) => totalsLine(check, indexSeason(season).teamName, i18n.translator(language)));

/** What the domain's own English sentences were before they became facts (research §5). */
const REAL_ENGLISH = [
  "Group stage: 46 matches played + 1 with no published result + 1 awarded = 48 as printed; 103 goals counted vs 106 printed (3 short): Diables Noirs v Sekhukhune United's result is not published; Zamalek v Académie SOAR was awarded and its score was not published.",
  'Knockout stage (printed 60 − 48 = 12 matches, 131 − 106 = 25 goals): 12 matches played = 12 as printed; the 2 awarded matches are not in the printed figure (USM Alger v RS Berkane, RS Berkane v USM Alger); 25 goals counted = 25 as printed.',
  "Competition proper: 58 matches played + 1 with no published result + 3 awarded = 62 vs 60 printed: the printed figure counts 1 of the 3 awarded matches; 128 goals counted vs 131 printed (3 short): Diables Noirs v Sekhukhune United's result is not published; Zamalek v Académie SOAR was awarded and its score was not published.",
];

describe('English', () => {
  test.each<{ name: string; totals: PrintedTotals; line: number; text: string }>([
    {
      name: 'a group gap names the unrecorded and the unscored awarded match',
      totals: printed(6, 11, 4, 8),
      line: 0,
      text: "Group stage: 3 matches played + 1 awarded = 4 as printed; 5 goals counted vs 8 printed (3 short): A v C's result is not published; B v D was awarded and its score was not published.",
    },
    {
      name: 'an awarded match outside the printed knockout figure',
      totals: printed(6, 11, 4, 8),
      line: 1,
      text: 'Knockout stage (printed 6 − 4 = 2 matches, 11 − 8 = 3 goals): 2 matches played = 2 as printed; the 1 awarded match is not in the printed figure (A v B); 3 goals counted = 3 as printed.',
    },
    {
      name: 'a printed figure that counts some of the awarded matches',
      totals: printed(6, 11, 4, 8),
      line: 2,
      text: "Competition proper: 5 matches played + 2 awarded = 7 vs 6 printed: the printed figure counts 1 of the 2 awarded matches; 8 goals counted vs 11 printed (3 short): A v C's result is not published; B v D was awarded and its score was not published.",
    },
    {
      // The domain's sentence said "1 goals" here; the plural keys say "1 goal".
      name: 'fewer printed goals than counted',
      totals: printed(7, 6, 4, 5),
      line: 1,
      text: 'Knockout stage (printed 7 − 4 = 3 matches, 6 − 5 = 1 goal): 2 matches played + 1 awarded = 3 as printed; 3 goals counted vs 1 printed (2 over): not explained by any recorded gap.',
    },
    {
      name: 'printed goals that include the awarded score',
      totals: printed(7, 10, 4, 5),
      line: 1,
      text: 'Knockout stage (printed 7 − 4 = 3 matches, 10 − 5 = 5 goals): 2 matches played + 1 awarded = 3 as printed; 3 goals counted vs 5 printed (2 short): counting the awarded scores (2 goals) would make up the difference.',
    },
    {
      name: 'printed matches beyond played + awarded',
      totals: printed(20, 8, 4, 5),
      line: 2,
      text: 'Competition proper: 5 matches played + 2 awarded = 7 vs 20 printed: 13 not explained by any recorded gap; 8 goals counted = 8 as printed.',
    },
  ])('$name', ({ totals, line, text }) => {
    expect(linesOf(statsSeason(totals))[line]).toBe(text);
  });

  test('the real season: the sentences the domain built, byte for byte', () => {
    expect(linesOf(real)).toEqual(REAL_ENGLISH);
  });

  test('/about shows them as bullets; the CLI prints them and gives them in its JSON', () => {
    const about = renderAbout({ season: real, stats: computeStats(real), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0) });
    expect(about.embeds?.[0]?.fields?.find((f) => f.name === 'Totals against the printed figures')?.value).toBe(REAL_ENGLISH.map((l) => `• ${l}`).join('\n'));
    const cli = QUERIES['stats']!(real, { args: [] });
    expect(cli.text.split('\n').slice(-3)).toEqual(REAL_ENGLISH.map((l) => `* ${l}`));
    expect((cli.json as { reconciliation: unknown }).reconciliation).toEqual(REAL_ENGLISH);
  });
});

const strings = (tree: ResourceTree | string | undefined): string[] =>
  tree === undefined ? [] : typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(strings);
/** Runs of two or more English words from the English totals keys ("as printed", "awarded matches"…). */
const ENGLISH_RUNS = [
  ...new Set(
    strings((RESOURCES.en['about'] as ResourceTree)['totals'])
      .flatMap((text) => text.split(/\{\{[^}]*\}\}|[():;,.=+−]/))
      .map((run) => run.trim())
      .filter((run) => run.split(/\s+/).filter((w) => /^[A-Za-z'-]+$/.test(w)).length >= 2),
  ),
];

const TRANSLATED = ['fr', 'ar', 'pt'] as const;
const SEASONS = [real, ...[printed(6, 11, 4, 8), printed(7, 6, 4, 5), printed(7, 10, 4, 5), printed(20, 8, 4, 5)].map(statsSeason)];

describe.each(TRANSLATED.map((l) => [l] as const))('%s', (language) => {
  test('every kind of line is said without an English sentence left, and without an override', () => {
    expect(ENGLISH_RUNS.length).toBeGreaterThan(10);
    for (const season of SEASONS) {
      for (const line of linesOf(season, language)) {
        expect(ENGLISH_RUNS.filter((run) => line.includes(run)), line).toEqual([]);
        expect(line).not.toMatch(/[\u202A-\u202E]/);
      }
    }
  });

  test('counts use the language plural forms (1 goal and 5 goals differ beyond the digit)', () => {
    const [one, five] = [printed(7, 6, 4, 5), printed(7, 10, 4, 5)].map((t) => linesOf(statsSeason(t), language)[1] ?? '');
    const tail = (line: string, n: string): string => line.slice(line.indexOf(`− 5 = `) + 6).split(/[),،]/)[0]!.replace(n, '');
    expect(tail(one ?? '', '1')).not.toBe(tail(five ?? '', '5'));
  });
});

test('French, Arabic and Portuguese: the real season, word for word', () => {
  expect(linesOf(real, 'fr')[1]).toBe(
    "Phase à élimination directe (chiffres publiés : 60 − 48 = 12 matchs, 131 − 106 = 25 buts) : 12 matchs joués = 12, comme le chiffre publié ; les 2 matchs attribués sur tapis vert n'y sont pas comptés (USM Alger – RS Berkane, RS Berkane – USM Alger) ; 25 buts comptés = 25, comme le chiffre publié.",
  );
  expect(linesOf(real, 'pt')[0]).toBe(
    'Fase de grupos: 46 jogos disputados + 1 sem resultado publicado + 1 atribuídos na secretaria = 48, como no número publicado; 103 golos contados, contra 106 no número publicado (3 a menos): o resultado de Diables Noirs x Sekhukhune United não foi publicado; Zamalek x Académie SOAR foi atribuído na secretaria e o resultado não foi publicado.',
  );
  const [group] = linesOf(real, 'ar');
  expect(group).toContain(`لم تُنشر نتيجة مباراة ${FSI}Diables Noirs${PDI} ضد ${FSI}Sekhukhune United${PDI}`);
});

const aboutIn = (language: Language) =>
  renderAbout({ season: real, stats: computeStats(real), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0) }, i18n.translator(language));
/** The totals fields: the first named by about.fields.totals, any further one "… (cont.)". */
const totalsValues = (language: Language): string[] => {
  const name = i18n.translator(language).t('about.fields.totals');
  const fields = aboutIn(language).embeds?.[0]?.fields ?? [];
  return fields.filter((f) => f.name === name || f.name === i18n.translator(language).t('paging.continued', { heading: name })).map((f) => f.value);
};

test.each([
  ['en', 1],
  ['fr', 2],
  ['ar', 1],
  ['pt', 2],
] as const)('/about in %s: every totals line whole, within the field size (%i field(s): French and Portuguese run longer)', (language, fields) => {
  const values = totalsValues(language);
  expect(values).toHaveLength(fields);
  for (const value of values) expect(value.length).toBeLessThanOrEqual(1024);
  const lines = values.join('\n').split('\n');
  expect(lines).toEqual(linesOf(real, language).map((l) => `• ${l}`));
});

test('/about in Arabic: the totals are Arabic lines, the Latin names in them isolated, the Arabic club names not, the line itself not', () => {
  const lines = totalsValues('ar').join('\n').split('\n');
  expect(lines).toHaveLength(3);
  expect(lines.every((l) => l.startsWith('• ') && !l.startsWith(`• ${FSI}`))).toBe(true);
  expect(lines[0]).toMatch(/^• دور المجموعات: /);
  // RS Berkane is نهضة بركان and Zamalek الزمالك in Arabic (data/clubs.json names.ar): Arabic script, no isolate.
  expect(lines[1]).toContain(`(${FSI}USM Alger${PDI} ضد نهضة بركان، نهضة بركان ضد ${FSI}USM Alger${PDI})`);
  expect(lines[0]).toContain('مُنحت مباراة الزمالك ضد ' + `${FSI}Académie SOAR${PDI}`);
});
