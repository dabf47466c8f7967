import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/errors.js';
import { compilePathPattern } from '../src/pattern.js';
import { createSnowflakeGenerator, shardForGuild, snowflakeTimestamp } from '../src/snowflake.js';
import { validateCommand, validateCommandList } from '../src/validate-command.js';
import { embedLength, validateMessageBody } from '../src/validate-message.js';

const errorOf = (fn: () => void): { status: number; code: number; errors?: unknown } | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, code: e.code, errors: e.errors };
    throw e;
  }
};

describe('validateMessageBody', () => {
  const create = { creating: true, fileCount: 0 };
  it.each([
    ['plain content', { content: 'hi' }, null],
    ['2000 chars', { content: 'x'.repeat(2000) }, null],
    ['2001 chars', { content: 'x'.repeat(2001) }, 50035],
    ['whitespace only', { content: '  ' }, 50006],
    ['nothing at all', {}, 50006],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 50035],
    ['257-char title', { embeds: [{ title: 't'.repeat(257) }] }, 50035],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 50035],
    ['field without value', { embeds: [{ fields: [{ name: 'n', value: '' }] }] }, 50035],
    ['6001 chars over two embeds', { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] }, 50035],
    ['26-char nonce', { content: 'x', nonce: 'n'.repeat(26) }, 50035],
    ['parse users + users list', { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, 50035],
    ['components v2 with content', { content: 'x', flags: 1 << 15, components: [{ type: 17 }] }, 50035],
    ['six action rows', { components: Array.from({ length: 6 }, () => ({ type: 1, components: [] })) }, 50035],
  ])('%s', (_label, body, code) => {
    expect(errorOf(() => validateMessageBody(body, create))?.code ?? null).toBe(code);
  });

  it('allows an empty edit', () => {
    expect(errorOf(() => validateMessageBody({}, { creating: false, fileCount: 0 }))).toBeNull();
  });

  it('counts embed length like Discord (trimmed title, description, fields, footer, author)', () => {
    expect(embedLength({ title: ' ab ', description: 'cde', fields: [{ name: 'f', value: 'gh' }], footer: { text: 'i' }, author: { name: 'jk' } })).toBe(11);
  });

  it('puts the failing field at its path in the 50035 errors object', () => {
    expect(errorOf(() => validateMessageBody({ embeds: [{ title: 't'.repeat(300) }] }, create))?.errors).toEqual({
      embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } },
    });
  });
});

describe('validateCommand', () => {
  it.each([
    ['valid', { name: 'standings', description: 'Standings' }, null],
    ['uppercase name', { name: 'Standings', description: 'x' }, 50035],
    ['space in name', { name: 'my cmd', description: 'x' }, 50035],
    ['33-char name', { name: 'a'.repeat(33), description: 'x' }, 50035],
    ['empty description', { name: 'a', description: '' }, 50035],
    ['26 options', { name: 'a', description: 'x', options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'x' })) }, 50035],
    ['required after optional', { name: 'a', description: 'x', options: [{ type: 3, name: 'o1', description: 'x' }, { type: 3, name: 'o2', description: 'x', required: true }] }, 50035],
    ['choices with autocomplete', { name: 'a', description: 'x', options: [{ type: 3, name: 'o', description: 'x', autocomplete: true, choices: [{ name: 'c', value: 'c' }] }] }, 50035],
    ['user command with description', { type: 2, name: 'Show Team', description: 'x' }, 50035],
    ['user command with a capital name', { type: 2, name: 'Show Team', description: '' }, null],
  ])('%s', (_label, cmd, code) => {
    expect(errorOf(() => validateCommand(cmd))?.code ?? null).toBe(code);
  });

  it('refuses duplicate names in a bulk overwrite', () => {
    const dup = [
      { name: 'a', description: 'x' },
      { name: 'a', description: 'y' },
    ];
    expect(errorOf(() => validateCommandList(dup))?.code).toBe(50035);
  });
});

describe('compilePathPattern', () => {
  it.each([
    ['/channels/:id/messages', '/channels/123/messages', true],
    ['/channels/:id/messages', '/channels/123/messages/456', false],
    ['/webhooks/**', '/webhooks/1/tok/messages/@original', true],
    ['/channels/123/messages', '/channels/1234/messages', false],
    [/messages$/, '/channels/1/messages', true],
    [/messages$/g, '/channels/1/messages', true],
  ] as const)('%s vs %s', (pattern, path, expected) => {
    const matches = compilePathPattern(pattern);
    expect(matches(path)).toBe(expected);
    expect(matches(path)).toBe(expected); // stable across calls, even for /g patterns
  });
});

describe('snowflakes', () => {
  it('are unique, increasing and carry their timestamp', () => {
    const next = createSnowflakeGenerator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 5000 }, next);
    expect(new Set(ids).size).toBe(5000);
    expect(ids.every((id, i) => i === 0 || BigInt(id) > BigInt(ids[i - 1] ?? 0))).toBe(true);
    expect(snowflakeTimestamp(ids[0] ?? '0')).toBe(1_700_000_000_000);
  });

  it.each([
    [(5n << 22n).toString(), 1, 0],
    [(5n << 22n).toString(), 2, 1],
    [((6n << 22n) | 4095n).toString(), 2, 0],
    [(7n << 22n).toString(), 3, 1],
  ])('guild %s with %i shards → shard %i (id >> 22 mod shards)', (guildId, shards, expected) => {
    expect(shardForGuild(guildId, shards)).toBe(expected);
  });
});
