// escapeText's fast path (plain names returned as they are) must give exactly what the full escape gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkdown } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { escapeText, neutraliseMentions } from '../../../src/discord/render/text.js';

/** The full escape, as escapeText did it for every string before the fast path. */
const fullEscape = (text: string): string =>
  neutraliseMentions(escapeMarkdown(text.replace(/[\r\n\t]+/g, ' '), { heading: true, bulletedList: true, numberedList: true, maskedLink: true }))
    .replace(/^>/, '\\>')
    .replace(/^-#/, '\\-#');

const dataDir = join(import.meta.dirname, '../../../data');
const seasonFiles = [
  ...readdirSync(dataDir).filter((f) => /^season.*\.json$/.test(f)).map((f) => join(dataDir, f)),
  ...readdirSync(join(dataDir, 'seasons'), { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(dataDir, 'seasons', e.name)),
];

/** Every string in the shipped season files: names, venues, notes… what the bot escapes comes from them. */
const strings = (value: unknown, out: Set<string>): Set<string> => {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
};

describe('escapeText', () => {
  it.each([
    ['Zamalek', 'Zamalek'],
    ["St. George's", "St. George's"],
    ['Raja Club Athletic', 'Raja Club Athletic'],
    ['الزمالك', 'الزمالك'],
    ['1. FC Köln', '1\\. FC Köln'],
    ['  2. Team', '  2\\. Team'],
    ['# Heading', '\\# Heading'],
    ['__init__', '\\_\\_init\\_\\_'],
    ['@everyone', '@\u200beveryone'],
    ['- list', '\\- list'],
    ['[x](https://e.com)', '\\[x](https://e.com)'],
  ])('%j → %j, as the full escape gives', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
    expect(escapeText(input)).toBe(fullEscape(input));
  });

  it('gives the full escape for every string in the shipped season files', () => {
    const all = new Set<string>();
    for (const file of seasonFiles) strings(JSON.parse(readFileSync(file, 'utf8')), all);
    expect(all.size).toBeGreaterThan(100);
    const differing = [...all].filter((s) => escapeText(s) !== fullEscape(s));
    expect(differing).toEqual([]);
  });
});
