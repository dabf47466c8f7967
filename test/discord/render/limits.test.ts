import { describe, expect, test } from 'vitest';
import { clampEmbed, fitMessage, LIMITS, PLACEHOLDER, SHORTENED_NOTE, truncateMarkdown } from '../../../src/discord/render/limits.js';
import { clampPage, packLines, packSections, pagerRow } from '../../../src/discord/render/paging.js';
import { limitViolations } from './limits-check.js';

const long = (n: number, ch = 'x'): string => ch.repeat(n);

describe('clampEmbed', () => {
  test('cuts every over-long part to its limit', () => {
    const embed = clampEmbed({
      title: long(300),
      description: long(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: long(300, String(i % 10)), value: long(2000) })),
      footer: { text: long(3000) },
      author: { name: long(300) },
    });
    expect(embed.title).toHaveLength(LIMITS.title);
    expect(embed.description).toHaveLength(LIMITS.description);
    expect(embed.fields).toHaveLength(LIMITS.fields);
    expect(embed.fields?.every((f) => f.name.length <= 256 && f.value.length <= 1024)).toBe(true);
    expect(embed.footer?.text).toHaveLength(LIMITS.footer);
    expect(embed.author?.name).toHaveLength(LIMITS.author);
  });

  test('an embed without text gets the placeholder; empty field parts get a zero-width space', () => {
    expect(clampEmbed({ color: 1 })).toEqual({ color: 1, description: PLACEHOLDER });
    expect(clampEmbed({ title: 't', fields: [{ name: ' ', value: '' }] }).fields).toEqual([{ name: '\u200b', value: '\u200b' }]);
  });
});

test('truncateMarkdown closes a code block it cuts into', () => {
  const text = `intro\n\`\`\`\n${long(200)}\n\`\`\``;
  const cut = truncateMarkdown(text, 100);
  expect(cut.length).toBeLessThanOrEqual(100);
  expect(cut.endsWith('\n```')).toBe(true);
  expect(cut.split('```').length - 1).toBe(2);
});

describe('fitMessage', () => {
  test('never sends an empty message', () => {
    expect(fitMessage({})).toEqual({ embeds: [{ description: PLACEHOLDER }], components: [], allowedMentions: { parse: [] } });
    expect(fitMessage({ content: '   ' }).embeds).toEqual([{ description: PLACEHOLDER }]);
  });

  test('keeps at most 10 embeds and 6000 characters in total, and says it shortened', () => {
    const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `E${i}`, description: long(4000) }));
    const out = fitMessage({ embeds });
    expect(limitViolations(out)).toEqual([]);
    expect(out.embeds.length).toBeLessThanOrEqual(10);
    expect(out.embeds.at(-1)?.footer?.text).toContain(SHORTENED_NOTE);
  });

  test('leaves a message that fits untouched', () => {
    const embed = { title: 'T', description: 'D', footer: { text: 'F' } };
    expect(fitMessage({ embeds: [embed] })).toEqual({ embeds: [embed], components: [], allowedMentions: { parse: [] } });
  });

  test('cuts content to 2000 characters', () => {
    expect(fitMessage({ content: long(2500) }).content).toHaveLength(2000);
  });
});

describe('packSections', () => {
  test('keeps every line, splitting a long section with a "(cont.)" heading', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${long(40)}`);
    const pages = packSections([{ heading: '**A**', lines: lines.slice(0, 10) }, { heading: '**B**', lines: lines.slice(10) }], 1000);
    expect(pages.every((p) => p.length <= 1000)).toBe(true);
    const printed = pages.flatMap((p) => p.split('\n')).filter((l) => l.startsWith('line '));
    expect(printed).toEqual(lines);
    expect(pages.some((p) => p.startsWith('**B** (cont.)'))).toBe(true);
  });

  test('moves a section that does not fit the rest of a page to the next page whole', () => {
    const pages = packSections(
      [
        { heading: 'A', lines: [long(60)] },
        { heading: 'B', lines: [long(60)] },
      ],
      100,
    );
    expect(pages).toEqual([`A\n${long(60)}`, `B\n${long(60)}`]);
  });

  test('no sections, no pages', () => {
    expect(packSections([], 100)).toEqual([]);
  });
});

test('packLines fills pages up to the budget', () => {
  expect(packLines(['aaaa', 'bbbb', 'cccc'], 9)).toEqual(['aaaa\nbbbb', 'cccc']);
});

test.each([
  [0, 5, 1],
  [3, 5, 3],
  [9, 5, 5],
  [Number.NaN, 5, 1],
  [2, 0, 1],
])('clampPage(%d, %d) = %d', (page, count, expected) => {
  expect(clampPage(page, count)).toBe(expected);
});

test('pagerRow disables ◀ on the first page and ▶ on the last, with unique ids', () => {
  const row = pagerRow(1, 3, (p, role) => `x:${role}:${p}`);
  expect(row.components).toMatchObject([
    { label: '◀', custom_id: 'x:go:0', disabled: true },
    { label: 'page 1/3', custom_id: 'x:label:1', disabled: true },
    { label: '▶', custom_id: 'x:go:2', disabled: false },
  ]);
  expect(() => pagerRow(1, 2, () => long(101))).toThrow(/custom_id/);
});
