import { describe, expect, it } from 'vitest';
import { memoizeLookup } from '../../src/i18n/lookup-cache.js';

const counting = () => {
  const calls: string[] = [];
  const lookup = memoizeLookup((key: string, values?: Readonly<Record<string, unknown>>) => {
    calls.push(key);
    if (key === 'missing') throw new Error('missing key');
    return `${key}:${JSON.stringify(values ?? {})}`;
  }, 3);
  return { calls, lookup };
};

describe('memoizeLookup', () => {
  it.each([
    { name: 'no values twice', first: ['a'], second: ['a'], lookups: 1 },
    { name: 'no values and empty values are one entry', first: ['a'], second: ['a', {}], lookups: 1 },
    { name: 'same values twice', first: ['a', { n: 1 }], second: ['a', { n: 1 }], lookups: 1 },
    { name: 'different values', first: ['a', { n: 1 }], second: ['a', { n: 2 }], lookups: 2 },
    { name: 'a number and its string are different values', first: ['a', { n: 1 }], second: ['a', { n: '1' }], lookups: 2 },
    { name: 'different keys', first: ['a'], second: ['b'], lookups: 2 },
  ] as const)('$name → $lookups lookup(s), the same answer as without the cache', ({ first, second, lookups }) => {
    const { calls, lookup } = counting();
    const a = lookup(first[0], first[1]);
    const b = lookup(second[0], second[1]);
    expect(calls).toHaveLength(lookups);
    expect(a).toBe(`${first[0]}:${JSON.stringify(first[1] ?? {})}`);
    expect(b).toBe(`${second[0]}:${JSON.stringify(second[1] ?? {})}`);
  });

  it('does not remember a throw: a missing key throws every time', () => {
    const { calls, lookup } = counting();
    expect(() => lookup('missing')).toThrow('missing key');
    expect(() => lookup('missing')).toThrow('missing key');
    expect(calls).toEqual(['missing', 'missing']);
  });

  it('starts afresh past its limit, so it cannot grow without end', () => {
    const { calls, lookup } = counting();
    for (const key of ['a', 'b', 'c', 'd', 'a']) lookup(key);
    // a, b, c fill it; d clears it; a is looked up again.
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('remembers a falsy answer', () => {
    let calls = 0;
    const has = memoizeLookup(() => {
      calls++;
      return false;
    });
    expect([has('x'), has('x')]).toEqual([false, false]);
    expect(calls).toBe(1);
  });
});
