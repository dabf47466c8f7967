// formatNumber writes small whole numbers without Intl (src/i18n/format.ts): what it writes must be what
// Intl.NumberFormat writes for every language, on both sides of that shortcut.
import { describe, expect, test } from 'vitest';
import { formatNumber, intlTag } from '../../src/i18n/format.js';
import { LANGUAGES } from '../../src/i18n/index.js';

const VALUES = [
  ...Array.from({ length: 2_100 }, (_, i) => i - 50),
  -0,
  0.5,
  999.5,
  1.25,
  -1_000,
  12_345,
  1_234_567,
  Number.MAX_SAFE_INTEGER,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

describe.each(LANGUAGES)('%s', (language) => {
  test('every number reads as Intl.NumberFormat writes it, with Western digits', () => {
    const intl = new Intl.NumberFormat(intlTag(language), { numberingSystem: 'latn' });
    for (const value of VALUES) expect(formatNumber(language, value), String(value)).toBe(intl.format(value));
  });

  test('options are always Intl’s', () => {
    expect(formatNumber(language, 5, { minimumIntegerDigits: 2 })).toBe('05');
  });
});
