// The translator fills a key's text itself once i18next has resolved it (src/i18n/template.ts): every key
// of every language, with ordinary and hostile values and every plural form, must read exactly as
// i18next alone writes it.
import { describe, expect, test } from 'vitest';
import { createI18n, LANGUAGES, MissingTranslationError, type Language, type Translator } from '../../src/i18n/index.js';
import { RESOURCES, type ResourceTree } from '../../src/i18n/resources.js';
import { compileTemplate, fillTemplate, hasI18nextOption } from '../../src/i18n/template.js';

const PLURAL_SUFFIX = /_(?:ordinal_)?(?:zero|one|two|few|many|other)$/;

const texts = (tree: ResourceTree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([name, value]) => (typeof value === 'string' ? [[`${prefix}${name}`, value] as [string, string]] : texts(value, `${prefix}${name}.`)));

/** Every key a caller asks for (plural suffixes taken off), with the placeholders any language gives it. */
const keys = (() => {
  const byKey = new Map<string, { names: Set<string>; counted: boolean; ordinal: boolean }>();
  for (const language of LANGUAGES) {
    for (const [path, text] of texts(RESOURCES[language])) {
      const key = path.replace(PLURAL_SUFFIX, '');
      const entry = byKey.get(key) ?? { names: new Set<string>(), counted: false, ordinal: false };
      if (key !== path) entry.counted = true;
      if (path.includes('_ordinal_')) entry.ordinal = true;
      for (const match of text.matchAll(/{{(.+?)}}/g)) entry.names.add((match[1] ?? '').trim());
      byKey.set(key, entry);
    }
  }
  return byKey;
})();

// A club as printed, an Arabic name, and values that would trip a naive fill: replacement patterns,
// a placeholder and a nesting call inside a value (i18next writes values as they are, never re-read).
const VALUE_SETS: readonly ((name: string) => string | number)[] = [
  (name) => `Al Ahly ${name}`,
  () => 'الأهلي',
  (name) => `$& $1 $$ {{${name}}} {{team}} $t(format.ordinal) {{- x}}`,
  () => 42,
];
const COUNTS = [0, 1, 2, 3, 11, 100, 1_000_000, 1.5];

const fast = createI18n({ clubNames: new Map() });
const reference = createI18n({ clubNames: new Map(), i18nextOnly: true });

/** The text, or the MissingTranslationError's message: both translators must agree on either. */
const answer = (tr: Translator, key: string, values?: Readonly<Record<string, string | number | boolean>>): string => {
  try {
    return tr.t(key, values as Readonly<Record<string, string | number>>);
  } catch (err) {
    if (err instanceof MissingTranslationError) return `missing: ${err.message}`;
    throw err;
  }
};

describe.each(LANGUAGES)('%s: the filled text is what i18next writes', (language: Language) => {
  const ours = fast.translator(language);
  const theirs = reference.translator(language);

  test('for every key, with ordinary and hostile values, every count, and a value left out', () => {
    let compared = 0;
    for (const [key, { names, counted, ordinal }] of keys) {
      for (const valueOf of VALUE_SETS) {
        const values: Record<string, string | number | boolean> = Object.fromEntries([...names].map((name) => [name, valueOf(name)]));
        const variants: Record<string, string | number | boolean>[] = [values];
        if (counted || names.has('count')) variants.push(...COUNTS.map((count) => ({ ...values, count, ...(ordinal ? { ordinal: true } : {}) })));
        // A placeholder with no value: i18next leaves it as written.
        const [first] = names;
        if (first !== undefined) variants.push(Object.fromEntries(Object.entries(values).filter(([name]) => name !== first)));
        for (const variant of variants) {
          expect(answer(ours, key, variant), `${language}:${key} ${JSON.stringify(variant)}`).toBe(answer(theirs, key, variant));
          compared++;
        }
      }
      expect(answer(ours, key), `${language}:${key} without values`).toBe(answer(theirs, key));
    }
    expect(compared).toBeGreaterThan(keys.size * VALUE_SETS.length);
  });

  test('for the ordinals the translator writes', () => {
    for (const n of [0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]) {
      expect(ours.ordinal(n)).toBe(theirs.ordinal(n));
    }
  });

  test('for a key no language has, and values that are i18next options', () => {
    expect(answer(ours, 'no.such.key', { team: 'x' })).toBe(`missing: missing translation ${language}:no.such.key`);
    expect(answer(ours, 'no.such.key', { count: 2 })).toBe(`missing: missing translation ${language}:no.such.key`);
    const found = [...keys].find(([, entry]) => entry.names.size > 0 && !entry.counted);
    expect(found).toBeDefined();
    const [key, { names }] = found ?? ['', { names: new Set<string>() }];
    const values = Object.fromEntries([...names].map((name) => [name, 'v']));
    const options: Record<string, string>[] = [{ context: 'male' }, { lng: 'en' }, { defaultValue: 'd' }, { count: '2' }, { ordinal: 'yes' }];
    for (const option of options) {
      const variant = { ...values, ...option };
      expect(answer(ours, key, variant), JSON.stringify(variant)).toBe(answer(theirs, key, variant));
    }
  });
});

describe('the templates', () => {
  test('every shipped text is one the translator fills itself (none left to i18next on every lookup)', () => {
    const refused = LANGUAGES.flatMap((language) => texts(RESOURCES[language]).filter(([, text]) => compileTemplate(text) === null).map(([path]) => `${language}:${path}`));
    expect(refused).toEqual([]);
  });

  test.each([
    ['{{team}} beat {{ opponent }}', { team: 'A', opponent: 'B' }, 'A beat B'],
    ['{{n}}. {{n}}', { n: 3 }, '3. 3'],
    ['no placeholder', {}, 'no placeholder'],
    ['{{team}}', { team: '{{team}} $&' }, '{{team}} $&'],
    ['{{team}}', {}, null],
    ['{{team}}', { team: null }, null],
    ['{{team}}', Object.create({ team: 'inherited' }) as Record<string, unknown>, null],
  ] as const)('%s with %o → %s', (text, values, expected) => {
    const template = compileTemplate(text);
    expect(template).not.toBeNull();
    expect(template && fillTemplate(template, values)).toBe(expected);
  });

  test.each(['{{n, number}}', '{{- team}}', 'see $t(other.key)', '{{team.name}}'])('%s is left to i18next', (text) => {
    expect(compileTemplate(text)).toBeNull();
  });

  test('values under an i18next option name are left to i18next', () => {
    expect(hasI18nextOption({ team: 'x', count: 2, ordinal: true })).toBe(false);
    expect(hasI18nextOption({ team: 'x', context: 'male' })).toBe(true);
    expect(hasI18nextOption({ defaultValue_one: 'x' })).toBe(true);
  });
});
