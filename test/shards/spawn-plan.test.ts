// The order the shard manager starts shards in: Discord lets `max_concurrency` shards identify per 5 s,
// one per rate limit key (shard_id % max_concurrency), so shards go in buckets of consecutive ids.
import { describe, expect, test } from 'vitest';
import { spawnPlan } from '../../src/shard-manager.js';

describe('spawnPlan', () => {
  test.each([
    [1, 1, [[0]]],
    [2, 1, [[0], [1]]],
    [2, 2, [[0, 1]]],
    [3, 2, [[0, 1], [2]]],
    [4, 16, [[0, 1, 2, 3]]],
    [5, 0, [[0], [1], [2], [3], [4]]],
  ])('GIVEN %i shards and max_concurrency %i THEN buckets %j', (shards, maxConcurrency, plan) => {
    expect(spawnPlan(shards, maxConcurrency)).toEqual(plan);
  });

  test('GIVEN 32 shards and max_concurrency 16 THEN shards 0–15 start together, then 16–31', () => {
    const plan = spawnPlan(32, 16);
    expect(plan).toHaveLength(2);
    expect(plan.map((bucket) => bucket.map((id) => id % 16))).toEqual([Array.from({ length: 16 }, (_, i) => i), Array.from({ length: 16 }, (_, i) => i)]);
  });
});
