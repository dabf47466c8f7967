import { describe, expect, test } from 'vitest';
import { parseLeadsFor } from '../../src/discord/commands/announcements.js';
import { isUserError } from '../../src/domain/errors.js';
import { parseLeads } from '../../src/domain/announcements.js';
import { FSI, PDI } from '../../src/i18n/bidi.js';
import { createI18n } from '../../src/i18n/index.js';

// `/announcements set leads:` refusals in the user's language; English is the domain's sentence unchanged.

const i18n = createI18n();
const BAD = ['', 'soon', '1m', '15d', '1h,2h,3h,4h,5h,6h'];
const refusal = (language: 'en' | 'fr' | 'ar' | 'pt', text: string): string => {
  try {
    parseLeadsFor(text, i18n.translator(language));
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
};
const english = (text: string): string => {
  try {
    parseLeads(text);
  } catch (error) {
    if (isUserError(error)) return error.message;
  }
  throw new Error('accepted');
};

describe('leads: refusals', () => {
  test.each(BAD)('English is unchanged for "%s"', (text) => {
    expect(refusal('en', text)).toBe(english(text));
  });

  test('the English sentences', () => {
    expect(refusal('en', 'soon')).toBe('`soon` is not a lead time. Use days, hours and minutes such as `24h`, `2d`, `90m` or `1h30m`.');
    expect(refusal('en', '15d')).toBe('Lead time `15d` is out of range: use between 5m and 14d.');
    expect(refusal('en', '1h,2h,3h,4h,5h,6h')).toBe('At most 5 lead times per channel.');
  });

  test.each(['fr', 'ar', 'pt'] as const)('%s: no English sentence left, no override', (language) => {
    for (const text of BAD) {
      const said = refusal(language, text);
      expect(said).not.toBe(english(text));
      expect(said).not.toMatch(/lead time|at most|out of range|give at least/i);
      expect(said).not.toContain('\u202E');
    }
  });

  test('French and Arabic examples', () => {
    expect(refusal('fr', '15d')).toBe('Le délai `15d` est hors limites : choisissez entre 5m et 14d.');
    expect(refusal('ar', 'soon')).toContain(`${FSI}\`soon\`${PDI}`);
    expect(refusal('ar', '15d')).toContain(`${FSI}5m${PDI}`);
  });
});
