import { describe, expect, test } from 'vitest';
import { LOG_PAGE_SIZE, logPayload, previewPayload } from '../../src/discord/render/edit.js';
import { changeLines, fieldValueText } from '../../src/discord/render/edit-values.js';
import { messageLength } from '../../src/discord/render/limits.js';
import type { JournalEntry } from '../../src/editing/types.js';

// The editor's views stay within Discord's limits whatever the journal holds, and data text never
// formats or pings.

const names = (id: string) => (id === 'zamalek' ? 'Zamalek' : id);

describe('values as editors read them', () => {
  test.each([
    ['score', null, 'not known'],
    ['score', { home: 1, away: 0 }, '1–0'],
    ['extraTime', true, 'yes'],
    ['kickoff', '2024-05-19T19:00:00Z', '<t:1716145200:f>'],
    ['date', '2024-05-19', '2024-05-19'],
    ['status', 'postponed', 'postponed'],
    ['decision', { winner: 'zamalek', score: { home: 3, away: 0 }, reason: 'x' }, 'decided for Zamalek 3–0'],
    ['goals', [], 'none'],
    ['goals', [{ team: 'zamalek', player: 'Zizo', minute: '45+2', type: 'penalty' }], "Zizo 45+2' (pen.), Zamalek"],
    ['venue', '@everyone *bold*', '@\u200beveryone \\*bold\\*'],
  ])('%s %j reads %s', (field, value, expected) => {
    expect(fieldValueText(field, value, names)).toBe(expected);
  });

  test('before → after per field', () => {
    expect(changeLines({ score: null }, { score: { home: 2, away: 1 } }, names)).toEqual(['score: not known → 2–1']);
  });
});

const entry = (id: number, long: boolean): JournalEntry => ({
  id,
  seasonId: 'caf-cc-2023-24',
  matchId: 'R1-T02-L1',
  action: 'result',
  editor: { id: '1100000000000000100', name: long ? 'N'.repeat(300) : 'Editor', guildId: '1100000000000000077' },
  at: new Date('2024-05-20T10:00:00Z'),
  before: { score: { home: 3, away: 0 } },
  after: { score: { home: 3, away: 1 }, note: long ? 'x'.repeat(3000) : 'short' },
  source: long ? `https://example.org/${'y'.repeat(490)}` : 'https://example.org/report',
  reason: null,
  undoes: null,
  undoneBy: id === 1 ? 2 : null,
});

describe('the log', () => {
  test.each([false, true])('a full page (long values: %s) fits in one message, with a pager when there are more', (long) => {
    const entries = Array.from({ length: 12 }, (_, i) => entry(12 - i, long));
    const payload = logPayload({
      log: { entries, conflicts: [] },
      season: undefined,
      seasonTitle: 'CAF Confederation Cup 2023–24',
      matchTitle: null,
      page: 2,
      pageId: (page, role) => `edit:log:caf-cc-2023-24:-:${page}${role === 'label' ? ':x' : ''}`,
    });
    expect(messageLength(payload.embeds)).toBeLessThanOrEqual(6000);
    expect(payload.embeds[0]!.fields).toHaveLength(LOG_PAGE_SIZE);
    expect(payload.embeds[0]!.fields![0]!.name).toMatch(/^#7 · Result/);
    expect(payload.components[0]!.components.map((c) => ('label' in c ? c.label : ''))).toEqual(['◀', 'page 2/3', '▶']);
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  test('undone entries are marked and conflicts are listed', () => {
    const payload = logPayload({
      log: {
        entries: [entry(1, false)],
        conflicts: [{ season: 'caf-cc-2023-24', match: 'R1-T02-L1', field: 'score', sourceValue: { home: 4, away: 0 }, overrideValue: { home: 3, away: 1 }, journal: '1' }],
      },
      season: undefined,
      seasonTitle: 'CAF Confederation Cup 2023–24',
      matchTitle: null,
      page: 1,
      pageId: (page) => `edit:log:s:-:${page}`,
    });
    const fields = payload.embeds[0]!.fields!;
    expect(fields[0]!.name).toContain('undone by #2');
    expect(fields[1]!.name).toBe("Conflicts: 1 (the editor's value is kept)");
    expect(fields[1]!.value).toContain('the source says 4–0, the edit keeps 3–1 (change #1)');
    expect(payload.components).toEqual([]);
  });
});

describe('the preview', () => {
  test('before → after, the source, what fans see, and two buttons carrying the token', () => {
    const payload = previewPayload({
      kind: 'result',
      preview: { ok: true, seasonId: 's', matchId: 'R1-T02-L1', subject: 'Arta Solar v Horseed', before: { score: { home: 3, away: 0 } }, after: { score: { home: 3, away: 1 } }, lines: [] },
      source: 'https://example.org/report',
      season: undefined,
      token: 'abcdefghijkl',
      ttlMs: 600_000,
    });
    const embed = payload.embeds[0]!;
    expect(embed.title).toBe('Preview · Result · Arta Solar v Horseed');
    expect(embed.description).toContain('• score: 3–0 → 3–1');
    expect(embed.description).toContain('Nothing is saved until you press Confirm, within 10 minutes.');
    expect(embed.fields?.map((f) => f.name)).toEqual(['Source', 'What fans will see']);
    const buttons = payload.components[0]!.components.map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(buttons).toEqual(['edit:confirm:abcdefghijkl', 'edit:cancel:abcdefghijkl']);
  });
});

test('the service\'s lines show instants as Discord timestamps', () => {
  const payload = previewPayload({
    kind: 'kickoff',
    preview: { ok: true, seasonId: 's', matchId: 'F-L2', subject: 'A v B', before: {}, after: {}, lines: ['Kickoff: not known → 2024-05-19T19:00:00Z'] },
    source: 'https://example.org',
    season: undefined,
    token: 'abcdefghijkl',
    ttlMs: 600_000,
  });
  expect(payload.embeds[0]!.description).toContain('• Kickoff: not known → <t:1716145200:f>');
});
