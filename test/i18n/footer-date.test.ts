import { describe, expect, test } from 'vitest';
import { seasonFooter } from '../../src/discord/render/theme.js';
import { createI18n } from '../../src/i18n/index.js';
import { season } from '../domain/builders.js';

// The footer's "data updated <date>": English keeps the ISO stamp the crawl pins, other languages say it in words.

const i18n = createI18n();
const s = season({ asOf: '2026-11-27' });
const footerIn = (language: 'en' | 'fr' | 'ar' | 'pt'): string => seasonFooter(s, undefined, i18n.translator(language)).text;

describe('the footer date in the reply language', () => {
  test('English keeps the ISO stamp', () => {
    expect(footerIn('en')).toContain('data updated 2026-11-27');
  });

  test.each([
    ['fr', 'données mises à jour le 27 novembre 2026'],
    ['ar', 'آخر تحديث للبيانات 27 نوفمبر 2026'],
    ['pt', '27 de novembro de 2026'],
  ] as const)('%s says the date in words, Western digits, no ISO stamp', (language, expected) => {
    const text = footerIn(language);
    expect(text).toContain(expected);
    expect(text).not.toContain('2026-11-27');
    expect(text).not.toMatch(/[\u0660-\u0669\u202E]/);
  });
});
