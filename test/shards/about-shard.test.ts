// /about under the sharding manager: the shard line, and what it says when the manager cannot answer.
import type { Client } from 'discord.js';
import { describe, expect, test } from 'vitest';
import { computeStats } from '../../src/domain/stats.js';
import { renderAbout, type ShardView } from '../../src/discord/render/about.js';
import { shardView } from '../../src/discord/shard-info.js';
import { readSeasonFile } from '../../src/season/read.js';

const season = readSeasonFile().season;
const shardField = (shard: ShardView | null | undefined) =>
  renderAbout({ season, stats: computeStats(season), dataVersion: null, version: 'v', startedAt: new Date(0), wallNow: new Date(0), shard })
    .embeds[0]?.fields?.find((f) => f.name === 'Shard')?.value;

describe('the Shard line of /about', () => {
  test.each([
    ['one process', null, undefined],
    ['not given', undefined, undefined],
    ['shard 1 of 2 with the totals', { id: 1, shards: 2, guilds: 3_741 }, '1 of 2 · 3741 servers in all'],
    ['one server in all', { id: 0, shards: 1, guilds: 1 }, '0 of 1 · 1 server in all'],
    ['the totals unknown', { id: 3, shards: null, guilds: null }, '3 · totals not available right now'],
  ])('GIVEN %s THEN %j', (_label, shard, expected) => {
    expect(shardField(shard)).toBe(expected);
  });
});

/** Only what shardView reads of a discord.js Client: `shard` (ShardClientUtil) or null. */
const clientWith = (shard: { ids: number[]; fetchClientValues: (prop: string) => Promise<unknown> } | null) => ({ shard }) as unknown as Client;

describe('shardView', () => {
  test('GIVEN a client that is not a shard THEN null', async () => {
    expect(await shardView(clientWith(null))).toBeNull();
  });

  test('GIVEN the manager answers one count per shard THEN this shard, the number of answers and their sum', async () => {
    const asked: string[] = [];
    const client = clientWith({ ids: [1], fetchClientValues: async (prop) => (asked.push(prop), [2_000, 1_741, 12]) });
    expect(await shardView(client)).toEqual({ id: 1, shards: 3, guilds: 3_753 });
    expect(asked).toEqual(['guilds.cache.size']);
  });

  test.each([
    ['fails (a shard restarting)', () => Promise.reject(new Error('Shard 1 is not alive'))],
    ['never answers', () => new Promise<never>(() => {})],
  ])('GIVEN the manager %s THEN the totals are unknown, within the timeout', async (_label, fetchClientValues) => {
    const started = Date.now();
    expect(await shardView(clientWith({ ids: [2], fetchClientValues }), 50)).toEqual({ id: 2, shards: null, guilds: null });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
