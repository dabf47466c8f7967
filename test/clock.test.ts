import { describe, expect, test } from 'vitest';
import { createClock } from '../src/clock.js';

const manualTime = (startMs: number) => {
  let nowMs = startMs;
  return { realNow: () => nowMs, advance: (ms: number) => void (nowMs += ms) };
};

describe('createClock', () => {
  test('GIVEN no replay settings THEN it reads real time at rate 1', () => {
    const time = manualTime(Date.parse('2026-01-01T00:00:00Z'));
    const clock = createClock(null, time.realNow);
    expect(clock.isReplay).toBe(false);
    expect(clock.rate).toBe(1);
    time.advance(5_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:05.000Z');
  });

  test.each([
    [1, 60_000, '2023-11-25T12:01:00.000Z'],
    [60, 1_000, '2023-11-25T12:01:00.000Z'],
    [3600, 2_000, '2023-11-25T14:00:00.000Z'],
    [0.5, 4_000, '2023-11-25T12:00:02.000Z'],
  ])('GIVEN a replay at rate %d THEN %d real ms later it reads %s', (rate, realMs, expected) => {
    const time = manualTime(Date.parse('2026-06-01T08:00:00Z'));
    const clock = createClock({ start: '2023-11-25T12:00:00Z', rate }, time.realNow);
    expect(clock.isReplay).toBe(true);
    expect(clock.now().toISOString()).toBe('2023-11-25T12:00:00.000Z');
    time.advance(realMs);
    expect(clock.now().toISOString()).toBe(expected);
  });

  test('GIVEN a start with an offset THEN it is read as that instant', () => {
    const clock = createClock({ start: '2023-11-25T15:00:00+03:00', rate: 1 }, () => 0);
    expect(clock.now().toISOString()).toBe('2023-11-25T12:00:00.000Z');
  });

  test.each([
    [{ start: 'not a date', rate: 1 }, /valid instant/],
    [{ start: '2023-11-25T12:00:00Z', rate: 0 }, /positive/],
  ])('GIVEN invalid settings %o THEN it refuses', (settings, message) => {
    expect(() => createClock(settings)).toThrow(message);
  });
});
