// displayLength counts without Array.from and skips replacements that cannot apply: the same widths as
// the plain definition (every replacement, then Array.from's code points) on lines of every kind.
import { describe, expect, test } from 'vitest';
import { displayLength } from '../../../src/discord/render/match-format.js';

const reference = (line: string): number =>
  Array.from(
    line
      .replace(/<t:\d+:f>/g, 'September 30, 2023 10:00 PM')
      .replace(/<t:\d+:[A-Za-z]>/g, 'in 3 days')
      .replace(/\\(.)/g, '$1')
      .replace(/\*\*|__|`|\u200b|[\u2066-\u2069]/g, ''),
  ).length;

describe('displayLength', () => {
  test.each([
    ['', 0],
    ['<t:1700000000:f> · USM Alger **2–1** Modern Future', 57],
    ['<t:1700000000:R> and <t:1:d>', 23],
    ['Sun 3 Dec 2023 · \u2068الزمالك\u2069 **1–0** Al Ahly', 36],
    ['\\*not bold\\* \\\\**', 12],
    ['↳ 𝓩amalek through 😀', 19],
    ['a lone \ud800 high and \udc00 low surrogate, and a pair at the end 😀', 58],
    ['__x__ `y` \u200bz', 5],
    ['<t:oops:f> <x>', 14],
  ])('%j is %i wide, as the plain definition says', (line, width) => {
    expect(displayLength(line)).toBe(width);
    expect(displayLength(line)).toBe(reference(line));
  });
});
