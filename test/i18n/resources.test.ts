import { describe, expect, test } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { pluralCategories } from '../../src/i18n/format.js';
import { LANGUAGE_INFO, LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { RESOURCES, type ResourceTree } from '../../src/i18n/resources.js';

// The key check: run this file after adding or changing a language (`npx vitest run test/i18n`).
// Every shipped language has every key of the English file — a missing one fails here, and there is
// no silent fallback to English at run time — with exactly its CLDR plural forms and only the
// placeholders the English text has.

const flatten = (tree: ResourceTree, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
};

const PLURAL = /^(.*?)(_ordinal)?_(zero|one|two|few|many|other)$/;

/** Keys with their plural suffixes folded: `count.goals` → { cardinal: { one: …, other: … } }. */
interface Entry {
  readonly kind: 'plain' | 'cardinal' | 'ordinal';
  readonly forms: Map<string, string>;
}

const entriesOf = (language: Language): Map<string, Entry> => {
  const entries = new Map<string, Entry>();
  for (const [key, text] of flatten(RESOURCES[language])) {
    const plural = PLURAL.exec(key);
    const base = plural ? (plural[1] ?? key) : key;
    const kind = plural ? (plural[2] ? 'ordinal' : 'cardinal') : 'plain';
    const entry = entries.get(base) ?? { kind, forms: new Map<string, string>() };
    if (entry.kind !== kind) throw new Error(`${language}: ${base} mixes plain and plural forms`);
    entry.forms.set(plural ? (plural[3] ?? '') : '', text);
    entries.set(base, entry);
  }
  return entries;
};

/** The `commands` section is for Discord's command pickers, which have locales for some languages only. */
const needsCommands = (language: Language): boolean => language === 'en' || LANGUAGE_INFO[language].commandLocales.length > 0;
const expectedKeys = (language: Language): string[] =>
  [...entriesOf('en').keys()].filter((key) => needsCommands(language) || !key.startsWith('commands.')).sort();

const placeholders = (text: string): Set<string> =>
  new Set([...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''));

describe.each(LANGUAGES.map((language) => [language] as const))('%s.json', (language) => {
  const entries = entriesOf(language);
  const english = entriesOf('en');

  test('has exactly the keys of en.json (commands only where Discord has a locale for it)', () => {
    expect([...entries.keys()].sort()).toEqual(expectedKeys(language));
  });

  test('gives each counted key exactly the plural forms CLDR has for the language', () => {
    for (const [key, entry] of entries) {
      if (entry.kind === 'plain') continue;
      expect(english.get(key)?.kind, key).toBe(entry.kind);
      const wanted = [...pluralCategories(language, entry.kind === 'ordinal' ? 'ordinal' : 'cardinal')].sort();
      expect([...entry.forms.keys()].sort(), `${language}:${key}`).toEqual(wanted);
    }
  });

  test('uses only placeholders the English text has, and no empty text', () => {
    for (const [key, entry] of entries) {
      const source = new Set([...(english.get(key)?.forms.values() ?? [])].flatMap((text) => [...placeholders(text)]));
      for (const [form, text] of entry.forms) {
        expect(text.trim(), `${language}:${key}${form}`).not.toBe('');
        for (const name of placeholders(text)) expect(source.has(name), `${language}:${key}_${form} uses {{${name}}}`).toBe(true);
      }
    }
  });

  test('has no direction override (Discord strips U+202E; overrides are never what we mean)', () => {
    for (const [key, entry] of entries) for (const text of entry.forms.values()) expect(text, key).not.toMatch(/[\u202A-\u202E]/);
  });
});

// English command text lives in the definitions (src/discord/commands/*); en.json mirrors it so that a
// translator sees the source next to each key, and so that a changed English text is seen here.
type Node = { name: string; description?: string; options?: Node[]; choices?: { name: string; value: string | number }[] };
const englishTree = (node: Node): ResourceTree => ({
  name: node.name,
  ...(node.description === undefined ? {} : { description: node.description }),
  ...(node.options?.length ? { options: Object.fromEntries(node.options.map((o) => [o.name, englishTree(o)])) } : {}),
  ...(node.choices?.length ? { choices: Object.fromEntries(node.choices.map((c) => [String(c.value), c.name])) } : {}),
});

test('en.json `commands` is the English of the command definitions, word for word', () => {
  const definitions = Object.fromEntries(
    commands.map((c) => {
      const json = c.data.toJSON() as unknown as Node;
      return [json.name, englishTree(json)];
    }),
  );
  expect(RESOURCES.en.commands).toEqual(definitions);
});
