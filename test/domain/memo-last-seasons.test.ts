import { expect, test } from 'vitest';
import { memoLastSeasons } from '../../src/domain/memo.js';
import { season } from './builders.js';

test('memoLastSeasons computes once for the same seasons in the same order, again when any changes', () => {
  const a = season({});
  const b = season({});
  const calls: number[] = [];
  const count = memoLastSeasons((seasons) => {
    calls.push(seasons.length);
    return calls.length;
  });
  expect(count([a, b])).toBe(1);
  expect(count([a, b])).toBe(1);
  expect(count([b, a])).toBe(2);
  expect(count([b])).toBe(3);
  expect(count([b, { ...a }])).toBe(4);
  expect(calls).toEqual([2, 2, 1, 2]);
});
