import { expect, test } from 'vitest';
import { memoByString, once } from '../../src/domain/memo.js';

test('once builds at the first call and returns the same value after, even a falsy one', () => {
  for (const value of [{ built: true }, 0, null, undefined, '']) {
    let calls = 0;
    const get = once(() => {
      calls += 1;
      return value;
    });
    expect(calls).toBe(0);
    expect(get()).toBe(value);
    expect(get()).toBe(value);
    expect(calls).toBe(1);
  }
});

test('memoByString makes each key once, and starts afresh past its limit', () => {
  const made: string[] = [];
  const upper = memoByString(2, (key) => {
    made.push(key);
    return key.toUpperCase();
  });
  expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
  expect(made).toEqual(['a', 'b']);
  upper('c');
  expect(upper('a')).toBe('A');
  expect(made).toEqual(['a', 'b', 'c', 'a']);
});
