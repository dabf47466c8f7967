import { describe, expect, test } from 'vitest';
import { keptIn } from '../../src/domain/memo.js';

describe('keptIn', () => {
  test.each([
    { name: 'a value', made: 'x' },
    { name: 'null (a notice that says nothing is kept too)', made: null },
    { name: 'an object', made: { a: 1 } },
  ])('GIVEN $name THEN it is made once and the same value is given after', ({ made }) => {
    const map = new Map<string, unknown>();
    let calls = 0;
    const make = () => {
      calls += 1;
      return made;
    };
    expect(keptIn(map, 'k', make)).toBe(made);
    expect(keptIn(map, 'k', make)).toBe(made);
    expect(calls).toBe(1);
    expect(keptIn(map, 'other', make)).toBe(made);
    expect(calls).toBe(2);
  });

  test('GIVEN a WeakMap THEN each key object keeps its own value', () => {
    const map = new WeakMap<object, number>();
    const a = {};
    const b = {};
    expect(keptIn(map, a, () => 1)).toBe(1);
    expect(keptIn(map, b, () => 2)).toBe(2);
    expect(keptIn(map, a, () => 3)).toBe(1);
  });
});
