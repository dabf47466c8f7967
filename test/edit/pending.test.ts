import { describe, expect, test } from 'vitest';
import { createPendingChanges, PENDING_TTL_MS } from '../../src/discord/commands/edit-pending.js';
import type { ChangePreview } from '../../src/editing/types.js';

// Previews wait for their editor's button in memory, under a token, for ten minutes, once.

const preview: ChangePreview = { ok: true, seasonId: 's', matchId: 'F-L2', subject: 'A v B', before: {}, after: {}, lines: [] };
const change = { kind: 'kickoff', match: 'F-L2', at: '2024-05-19T19:00:00Z', source: 'https://example.org' } as const;
const waiting = { seasonId: 's', change, preview, editorId: '1100000000000000100', guildId: '1100000000000000077' };

describe('pending changes', () => {
  test('a token is short, unguessable in practice, and fits a custom id with its prefix', () => {
    const pending = createPendingChanges();
    const tokens = new Set(Array.from({ length: 200 }, () => pending.add(waiting)));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(`edit:confirm:${token}`.length).toBeLessThanOrEqual(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  test.each([
    ['just before the expiry', PENDING_TTL_MS - 1, true],
    ['at the expiry', PENDING_TTL_MS, false],
    ['long after', PENDING_TTL_MS * 3, false],
  ])('read %s: found is %s', (_label, elapsed, found) => {
    let now = 1_000;
    const pending = createPendingChanges({ now: () => now });
    const token = pending.add(waiting);
    now += elapsed;
    expect(pending.get(token) !== undefined).toBe(found);
    expect(pending.take(token) !== undefined).toBe(found);
  });

  test('take answers once: a double click finds nothing the second time', () => {
    const pending = createPendingChanges();
    const token = pending.add(waiting);
    expect(pending.take(token)?.change).toEqual(change);
    expect(pending.take(token)).toBeUndefined();
    expect(pending.get(token)).toBeUndefined();
  });

  test('memory stays bounded: expired previews are swept and at most 500 are kept', () => {
    let now = 0;
    const pending = createPendingChanges({ now: () => now });
    for (let i = 0; i < 10; i++) pending.add(waiting);
    now += PENDING_TTL_MS;
    pending.add(waiting);
    expect(pending.size()).toBe(1);
    const first = pending.add(waiting);
    for (let i = 0; i < 600; i++) pending.add(waiting);
    expect(pending.size()).toBeLessThanOrEqual(500);
    expect(pending.get(first)).toBeUndefined();
  });
});
