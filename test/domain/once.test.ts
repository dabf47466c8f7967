import { expect, test } from 'vitest';
import { once } from '../../src/domain/memo.js';

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
