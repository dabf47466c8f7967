import { describe, expect, test } from 'vitest';
import {
  EPHEMERAL_FLAG,
  EPHEMERAL_MARKER,
  formatRelative,
  formatTimestamp,
  renderComponents,
  renderEmbed,
  renderMarkdown,
  renderMessage,
} from '../../src/sandbox/render-text.js';

// 2023-11-26T13:00:00Z: kickoff of a matchday-1 group match.
const KICKOFF = Date.UTC(2023, 10, 26, 13, 0, 0) / 1000;
const inZone = (timeZone: string) => ({ timeZone, locale: 'en-GB' });

describe('formatTimestamp', () => {
  test.each([
    ['t', 'UTC', '13:00'],
    ['t', 'Africa/Cairo', '15:00'],
    ['t', 'America/New_York', '08:00'],
    ['T', 'UTC', '13:00:00'],
    ['d', 'UTC', '26/11/2023'],
    ['D', 'Africa/Cairo', '26 November 2023'],
    ['f', 'UTC', '26 November 2023 at 13:00'],
    ['F', 'Asia/Tokyo', 'Sunday, 26 November 2023 at 22:00'],
    ['s', 'UTC', '26/11/2023, 13:00'],
    ['S', 'UTC', '26/11/2023, 13:00:00'],
    ['?', 'UTC', '26 November 2023 at 13:00'],
  ])('style %s in %s', (style, zone, expected) => {
    expect(formatTimestamp(KICKOFF, style, inZone(zone))).toBe(expected);
  });

  test('a late-evening UTC kickoff falls on the next day further east', () => {
    const late = Date.UTC(2023, 10, 26, 22, 30) / 1000;
    expect(formatTimestamp(late, 'd', inZone('UTC'))).toBe('26/11/2023');
    expect(formatTimestamp(late, 'd', inZone('Asia/Dubai'))).toBe('27/11/2023');
  });
});

describe('formatRelative', () => {
  const now = new Date(KICKOFF * 1000);
  test.each([
    [3 * 3600, 'in 3 hours'],
    [-2 * 86400, '2 days ago'],
    [90, 'in 1 minute'],
    [-30, '30 seconds ago'],
    [400 * 86400, 'in 1 year'],
  ])('%d seconds away reads "%s"', (offset, expected) => {
    expect(formatRelative(new Date((KICKOFF + offset) * 1000), now, 'en-GB')).toBe(expected);
  });

  test('<t:…:R> in text uses the given now', () => {
    expect(renderMarkdown(`Kick-off <t:${KICKOFF}:R>`, { ...inZone('UTC'), now: new Date((KICKOFF - 7200) * 1000) })).toBe(
      'Kick-off in 2 hours',
    );
  });
});

describe('renderMarkdown', () => {
  test.each([
    ['**Zamalek** 2–0 *Sagrada*', 'Zamalek 2–0 Sagrada'],
    ['__underlined__ and ~~struck~~ and ||spoiler||', 'underlined and struck and spoiler'],
    ['***both***', 'both'],
    ['_italic_ but snake_case_name stays', 'italic but snake_case_name stays'],
    ['5 * 3 * 2', '5 * 3 * 2'],
    ['# Heading\n## Sub\n-# small print', 'Heading\nSub\nsmall print'],
    ['> quoted line', '│ quoted line'],
    ['[CAF](https://www.cafonline.com)', 'CAF (https://www.cafonline.com)'],
    ['<https://example.org>', 'https://example.org'],
    ['escaped \\*stars\\* and \\_under\\_', 'escaped *stars* and _under_'],
    ['inline `**kept**` code', 'inline **kept** code'],
    ['use </fixtures:123456789012345678> now', 'use /fixtures now'],
    ['<:cup:123456789012345678> win', ':cup: win'],
  ])('%j → %j', (input, expected) => {
    expect(renderMarkdown(input, inZone('UTC'))).toBe(expected);
  });

  test('code blocks keep their content verbatim, fences dropped, on their own lines', () => {
    const text = 'Group B\n```\n# Team        P  Pts\n1 **Zamalek**  6  14\n```\nQualified: 1–2';
    expect(renderMarkdown(text)).toBe('Group B\n# Team        P  Pts\n1 **Zamalek**  6  14\nQualified: 1–2');
  });

  test('a code block with a language tag drops the tag', () => {
    expect(renderMarkdown('```ansi\nx  y\n```')).toBe('x  y');
  });

  describe('mentions', () => {
    test('are shown literally when no names are known', () => {
      expect(renderMarkdown('<#111111111111111111> <@&222222222222222222> <@333333333333333333>')).toBe(
        '<#111111111111111111> <@&222222222222222222> <@333333333333333333>',
      );
    });

    test('escaped mentions and neutralised @everyone from data show as the literal text', () => {
      // What escapeText() makes of a hostile team name: `@everyone <@&1> **x**`.
      expect(renderMarkdown('@\u200beveryone \\<@&1> \\*\\*x\\*\\*')).toBe('@everyone <@&1> **x**');
    });

    test('are named when the sandbox knows the channel, role or user', () => {
      const names = {
        channel: (id: string) => (id === '111111111111111111' ? 'matchday' : undefined),
        role: (id: string) => (id === '222222222222222222' ? 'Admins' : undefined),
        user: (id: string) => (id === '333333333333333333' ? 'fan' : undefined),
      };
      expect(renderMarkdown('<#111111111111111111> <@&222222222222222222> <@!333333333333333333> <#9>', { names })).toBe(
        '#matchday @Admins @fan <#9>',
      );
    });
  });
});

describe('renderEmbed', () => {
  test('title, description, footer behind a bar', () => {
    const text = renderEmbed(
      { title: '**Fixtures** — Zamalek', description: `Kick-off <t:${KICKOFF}:f>`, footer: { text: 'Data as of 2024-05-19' } },
      inZone('UTC'),
    );
    expect(text).toBe(
      ['│ Fixtures — Zamalek', '│', '│ Kick-off 26 November 2023 at 13:00', '│', '│ Data as of 2024-05-19'].join('\n'),
    );
  });

  test('inline fields sit side by side in aligned columns, three to a row', () => {
    const text = renderEmbed(
      {
        fields: [
          { name: 'Rank', value: '1', inline: true },
          { name: 'Association', value: 'Egypt', inline: true },
          { name: 'Entry', value: 'Second round', inline: true },
          { name: 'Method', value: 'Cup winner', inline: true },
          { name: 'Path', value: 'Line one\nLine two' },
        ],
      },
      inZone('UTC'),
    );
    expect(text.split('\n')).toEqual([
      '│ Rank   Association   Entry',
      '│ 1      Egypt         Second round',
      '│',
      '│ Method',
      '│ Cup winner',
      '│',
      '│ Path',
      '│ Line one',
      '│ Line two',
    ]);
  });

  test('inline fields too wide for the terminal stack instead', () => {
    const long = 'x'.repeat(60);
    const text = renderEmbed(
      {
        fields: [
          { name: 'A', value: long, inline: true },
          { name: 'B', value: long, inline: true },
        ],
      },
      { width: 80 },
    );
    expect(text.split('\n')).toEqual(['│ A', `│ ${long}`, '│', '│ B', `│ ${long}`]);
  });
});

const pager = (page: number, pages: number) => ({
  type: 1,
  components: [
    { type: 2, style: 2, label: '◀', custom_id: `fixtures:p${page - 1}`, disabled: page <= 1 },
    { type: 2, style: 2, label: `${page}/${pages}`, custom_id: 'fixtures:label', disabled: true },
    { type: 2, style: 2, label: '▶', custom_id: `fixtures:p${page + 1}`, disabled: page >= pages },
  ],
});

describe('renderComponents', () => {
  test('buttons are numbered across the message; disabled ones in parentheses', () => {
    const { text, actions } = renderComponents([pager(1, 3)]);
    expect(text).toBe('[1] (◀)  [2] (1/3)  [3] ▶');
    expect(actions.map((a) => [a.key, a.customId, a.disabled])).toEqual([
      ['1', 'fixtures:p0', true],
      ['2', 'fixtures:label', true],
      ['3', 'fixtures:p2', false],
    ]);
  });

  test('select menu options are numbered under the menu', () => {
    const { text, actions } = renderComponents([
      {
        type: 1,
        components: [
          {
            type: 3,
            custom_id: 'match:pick',
            placeholder: 'Which match?',
            options: [
              { label: 'Zamalek v Sagrada', value: 'GD-MD1-1', description: '26 Nov' },
              { label: 'Sagrada v Zamalek', value: 'GD-MD2-1' },
            ],
          },
        ],
      },
      pager(2, 2),
    ]);
    expect(text.split('\n')).toEqual([
      '[1] ▾ Which match?',
      '    [1.1] Zamalek v Sagrada — 26 Nov',
      '    [1.2] Sagrada v Zamalek',
      '[2] ◀  [3] (2/2)  [4] (▶)',
    ]);
    expect(actions.filter((a) => a.kind === 'select').map((a) => (a.kind === 'select' ? [a.key, a.value] : []))).toEqual([
      ['1.1', 'GD-MD1-1'],
      ['1.2', 'GD-MD2-1'],
    ]);
  });

  test('link buttons are shown with their URL and are not numbered', () => {
    const { text, actions } = renderComponents([
      { type: 1, components: [{ type: 2, style: 5, label: 'Source', url: 'https://en.wikipedia.org/' }] },
    ]);
    expect(text).toBe('[↗ Source: https://en.wikipedia.org/]');
    expect(actions).toEqual([]);
  });
});

describe('renderMessage', () => {
  test('ephemeral replies are marked', () => {
    const { text } = renderMessage({ content: 'No team matches **zzz**. Did you mean Zamalek?', flags: EPHEMERAL_FLAG });
    expect(text).toBe(`No team matches zzz. Did you mean Zamalek?\n${EPHEMERAL_MARKER}`);
  });

  test('a public reply carries no ephemeral marker', () => {
    expect(renderMessage({ content: 'hello' }).text).not.toContain(EPHEMERAL_MARKER);
  });

  test('content, embeds and buttons in order', () => {
    const { text, actions } = renderMessage(
      { content: 'Page 1', embeds: [{ title: 'Fixtures' }], components: [pager(1, 2)] },
      inZone('UTC'),
    );
    expect(text).toBe('Page 1\n│ Fixtures\n[1] (◀)  [2] (1/2)  [3] ▶');
    expect(actions).toHaveLength(3);
  });

  test('an empty payload says so instead of printing nothing', () => {
    expect(renderMessage({}).text).toBe('(empty message)');
  });
});

describe('Arabic replies in the terminal', () => {
  const LRI = '\u2066';
  const FSI = '\u2068';
  const PDI = '\u2069';

  test('isolates are kept, code-block table lines stay whole, and nothing adds an override', () => {
    const table = [`${LRI}  # FIFA Association${PDI}`, `${LRI}  1 MAR  Morocco${PDI}`].join('\n');
    const text = renderMessage({
      embeds: [{ title: 'تصنيف الكاف للاتحادات (5 سنوات)', description: ['```', table, '```', `نقاط الكاف تضع ${FSI}Algeria${PDI} في المركز 3`].join('\n') }],
    }).text;
    expect(text).toContain(`${LRI}  1 MAR  Morocco${PDI}`);
    expect(text).toContain(`${FSI}Algeria${PDI}`);
    expect(text).not.toMatch(/[\u202A-\u202E]/);
  });

  test('inline fields in Arabic are stacked, not set side by side where the terminal could reorder them', () => {
    const fields = [
      { name: 'البيانات حتى', value: `${FSI}2023-12-01${PDI}`, inline: true },
      { name: 'مدة التشغيل', value: '3 يوم', inline: true },
    ];
    const lines = renderMessage({ embeds: [{ fields }] }).text.split('\n');
    expect(lines.some((line) => line.includes('البيانات حتى') && line.includes('مدة التشغيل'))).toBe(false);
    // English fields still sit side by side.
    const english = renderMessage({ embeds: [{ fields: [{ name: 'Data as of', value: 'x', inline: true }, { name: 'Uptime', value: 'y', inline: true }] }] }).text;
    expect(english.split('\n').some((line) => line.includes('Data as of') && line.includes('Uptime'))).toBe(true);
  });
});
