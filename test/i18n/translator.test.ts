import { describe, expect, test } from 'vitest';
import { FSI, LRI, PDI, hasOverride, isolateLtrLine, isolateName, stripDirectionControls } from '../../src/i18n/bidi.js';
import { commandMention, localizeCommand } from '../../src/i18n/commands.js';
import { formatDate } from '../../src/i18n/format.js';
import { createI18n, MissingTranslationError } from '../../src/i18n/index.js';

const i18n = createI18n();
const t = (language: 'en' | 'fr' | 'ar' | 'pt') => i18n.translator(language);

describe('plurals follow CLDR through i18next', () => {
  test.each([
    ['en', [0, 1, 2, 5], ['0 goals', '1 goal', '2 goals', '5 goals']],
    // French treats 0 like 1; 1,000,000 takes « de ».
    ['fr', [0, 1, 2, 1_000_000], ['0 but', '1 but', '2 buts', '1000000 de buts']],
    // Written the European/African way (pt-PT), where 0 is plural; Brazil's rules (bare pt) would say "0 golo".
    ['pt', [0, 1, 2, 1_000_000], ['0 golos', '1 golo', '2 golos', '1000000 de golos']],
    // Arabic's six forms: zero, one, two, few (3–10), many (11–99), other (100…).
    ['ar', [0, 1, 2, 3, 11, 100], ['لا أهداف', 'هدف واحد', 'هدفان', '3 أهداف', '11 هدفًا', '100 هدف']],
  ] as const)('%s', (language, counts, expected) => {
    expect(counts.map((count) => t(language).t('count.goals', { count }))).toEqual(expected);
    // i18next alone (no template cache) picks the same texts.
    const reference = createI18n({ i18nextOnly: true }).translator(language);
    expect(counts.map((count) => reference.t('count.goals', { count }))).toEqual(expected);
  });
});

describe('numbers, ordinals and dates in the reply language, with Western digits', () => {
  test.each([
    ['en', '1,234,567', '1st 2nd 3rd 11th 22nd', '12 May 2024'],
    ['fr', '1 234 567', '1er 2e 3e 11e 22e', '12 mai 2024'],
    ['pt', '1 234 567', '1.º 2.º 3.º 11.º 22.º', '12 de maio de 2024'],
    ['ar', '1,234,567', '1 2 3 11 22', '12 مايو 2024'],
  ] as const)('%s', (language, number, ordinals, date) => {
    const tr = t(language);
    // Intl may use a narrow no-break space as the French/Portuguese group separator: compare on plain spaces.
    expect(tr.number(1_234_567).replace(/[\u202F\u00A0]/g, ' ')).toBe(number);
    expect([1, 2, 3, 11, 22].map(tr.ordinal).join(' ')).toBe(ordinals);
    expect(tr.date('2024-05-12')).toBe(date);
    expect(`${tr.number(1_234_567)} ${tr.date('2024-05-12')}`).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
  });

  test('a date-only value is the same day in every zone, and a bad one is refused', () => {
    expect(formatDate('en', '2024-01-01')).toBe('1 January 2024');
    expect(() => formatDate('en', '2024-1-1')).toThrow(RangeError);
  });
});

describe('direction marks for Arabic', () => {
  test('names are first-strong isolated and table lines left-to-right isolated in Arabic only', () => {
    expect(t('ar').name('USM Alger')).toBe(`${FSI}USM Alger${PDI}`);
    expect(t('ar').tableLine(' 1 Zamalek   6  4')).toBe(`${LRI} 1 Zamalek   6  4${PDI}`);
    expect(t('fr').name('USM Alger')).toBe('USM Alger');
    expect(t('pt').tableLine('x')).toBe('x');
  });

  test('controls coming from data are removed, so they cannot unbalance ours or reverse a line', () => {
    expect(stripDirectionControls('a\u202Eb\u2066c\u2069')).toBe('abc');
    expect(isolateName('\u202EZamalek')).toBe(`${FSI}Zamalek${PDI}`);
    expect(isolateLtrLine('\u202Dx')).toBe(`${LRI}x${PDI}`);
    expect(hasOverride(isolateName('\u202EZamalek'))).toBe(false);
  });
});

test('a key missing from a shipped language throws instead of falling back to English', () => {
  expect(() => t('ar').t('commands.standings.name')).toThrow(MissingTranslationError);
  expect(() => t('fr').t('no.such.key')).toThrow(MissingTranslationError);
});

test('one instance per bot: two instances never share a language', () => {
  const other = createI18n();
  expect(other.translator('fr').t('languageNames.fr')).toBe('français');
  expect(i18n.translator('en').t('languageNames.fr')).toBe('French');
});

describe('command localisations', () => {
  test('every name, description and choice gets fr and pt-BR; a text equal to the English is left out', () => {
    const json = localizeCommand({
      name: 'fixtures',
      description: 'Fixtures and results, grouped by round',
      options: [
        {
          name: 'when',
          description: 'Still to come, played, or both (default: upcoming, or results once the season is over)',
          choices: [{ name: 'Results', value: 'results' }],
        },
      ],
    });
    expect(json.name_localizations).toEqual({ fr: 'matchs', 'pt-BR': 'jogos' });
    const when = json.options?.[0] as { name_localizations?: unknown; choices?: { name_localizations?: unknown }[] };
    expect(when.name_localizations).toEqual({ fr: 'quand', 'pt-BR': 'quando' });
    // "Resultados" is Portuguese; French says "Résultats": both differ from the English.
    expect(when.choices?.[0]?.name_localizations).toEqual({ fr: 'Résultats', 'pt-BR': 'Resultados' });
  });

  test('a definition the resource files do not know is an error, not a silently English command', () => {
    expect(() => localizeCommand({ name: 'nosuchcommand', description: 'x' })).toThrow(/fr\.json has no text at commands\.nosuchcommand\.name/);
  });

  test('replies name commands as the user\'s command picker shows them', () => {
    expect(commandMention('fr', 'language', 'set')).toBe('/langue choisir');
    expect(commandMention('pt-BR', 'standings')).toBe('/classificação');
    expect(commandMention('en-US', 'language', 'reset')).toBe('/language reset');
    expect(commandMention('ja', 'language', 'show')).toBe('/language show');
  });
});

describe('club names in the reply language (data/clubs.json names)', () => {
  test.each([
    // Arabic script in an Arabic reply: no isolate (code points asserted).
    ['ar', 'Zamalek', 'الزمالك'],
    ['ar', 'RS Berkane', 'نهضة بركان'],
    ['ar', 'Club Africain', 'النادي الإفريقي'],
    // No Arabic name in the data: the printed name, isolated.
    ['ar', 'USM Alger', `${FSI}USM Alger${PDI}`],
    // No French, Portuguese or English names are given: the printed name.
    ['fr', 'Zamalek', 'Zamalek'],
    ['pt', 'RS Berkane', 'RS Berkane'],
    ['en', 'Zamalek', 'Zamalek'],
  ] as const)('%s: %s → %s', (language, printed, said) => {
    expect([...t(language).name(printed)].map((c) => c.codePointAt(0))).toEqual([...said].map((c) => c.codePointAt(0)));
  });

  test('any text in Arabic script (an Arabic alias from the data) sits in an Arabic line unisolated; digits and signs alone are isolated', () => {
    expect(t('ar').name('الزمالك')).toBe('الزمالك');
    expect(t('ar').name('نادي\u202E X')).toBe(`${FSI}نادي X${PDI}`);
    expect(t('ar').name('2–1')).toBe(`${FSI}2–1${PDI}`);
    expect(t('ar').name('\u202Eالزمالك')).toBe('الزمالك');
  });

  test('only the whole printed name is a club name: a longer text, an alias or a table line keeps its letters', () => {
    expect(t('ar').name('Zamalek SC')).toBe(`${FSI}Zamalek SC${PDI}`);
    expect(t('ar').name('Zamalek v RS Berkane')).toBe(`${FSI}Zamalek v RS Berkane${PDI}`);
    expect(t('ar').tableLine(' 1 Zamalek   6  4')).toContain('Zamalek');
  });

  test('names given to the instance: French and Portuguese names, and a Latin-script name in an Arabic reply still isolated', () => {
    const clubNames = new Map([
      ['fr', new Map([['Club X', 'Club Iks']])],
      ['pt', new Map([['Club X', 'Clube X']])],
      ['ar', new Map([['Club X', 'نادي X'], ['Club Y', 'Club Y Ar']])],
    ] as const);
    const own = createI18n({ clubNames });
    expect(own.translator('fr').name('Club X')).toBe('Club Iks');
    expect(own.translator('pt').name('Club X')).toBe('Clube X');
    expect(own.translator('en').name('Club X')).toBe('Club X');
    expect(own.translator('ar').name('Club X')).toBe(`${FSI}نادي X${PDI}`);
    expect(own.translator('ar').name('Club Y')).toBe(`${FSI}Club Y Ar${PDI}`);
    expect(createI18n({ clubNames: new Map() }).translator('ar').name('Zamalek')).toBe(`${FSI}Zamalek${PDI}`);
  });
});
