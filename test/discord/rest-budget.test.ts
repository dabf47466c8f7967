import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions, REST, Routes } from 'discord.js';
import { startStandin } from 'discord-standin';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { restBudgetOptions, slotBudget, WINDOW_MS } from '../../src/discord/rest-budget.js';
import { restShareFor } from '../../src/shard-manager.js';

// The bot's share of Discord's global REST limit: through discord.js's REST against the stand-in,
// which answers a global 429 past its limit per (fixed) second, as Discord does.

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.budget.test-token-not-a-real-one-000000';
const APPLICATION_ID = '1000000000000000001';

describe('the REST budget', () => {
  /** A stand-in counting `share` requests per fixed second, and channels to post in. */
  const withStandin = async (share: number, channels: number, run: (s: Awaited<ReturnType<typeof startStandin>>, ids: string[]) => Promise<void>) => {
    const standin = await startStandin({
      applicationId: APPLICATION_ID,
      validTokens: [TOKEN],
      globalRateLimit: share,
      guilds: [{ name: 'budget', channels: Array.from({ length: channels }, (_, c) => ({ name: `c${c}` })) }],
    });
    try {
      const ids = [...standin.state.channels.values()].filter((c) => c.type === 0).map((c) => c.id);
      expect(ids.length).toBe(channels);
      await run(standin, ids);
    } finally {
      await standin.close();
    }
  };

  /** discord.js's transport, except that the first `late` requests reach the server 200 ms late (network or event-loop jitter). */
  const lateFirstBurst = (late: number): typeof DefaultRestOptions.makeRequest => {
    let sent = 0;
    return async (url, init) => {
      if (sent++ < late) await sleep(200);
      return DefaultRestOptions.makeRequest(url, init);
    };
  };

  const postEverywhere = (rest: REST, ids: readonly string[]) => Promise.all(ids.map((id) => rest.post(Routes.channelMessages(id), { body: { content: 'x' } })));

  test('why: with only discord.js\'s own counter, a first burst that arrives late lets the next burst land in its full second (global 429s)', async () => {
    const share = 8;
    await withStandin(share, 2 * share, async (standin, ids) => {
      const rest = new REST({ version: '10', api: standin.apiUrl, globalRequestsPerSecond: share, makeRequest: lateFirstBurst(share) }).setToken(TOKEN);
      await postEverywhere(rest, ids);
      expect(standin.stats().globalLimited).toBeGreaterThan(0);
    });
  });

  test('the budget: the same late first burst, and 3× the share in all: every post arrives, no global 429', async () => {
    const share = 8;
    await withStandin(share, 3 * share, async (standin, ids) => {
      const rest = new REST({ version: '10', api: standin.apiUrl, ...restBudgetOptions(share, lateFirstBurst(share)) }).setToken(TOKEN);
      const started = Date.now();
      await postEverywhere(rest, ids);
      expect(standin.stats().globalLimited).toBe(0);
      for (const id of ids) expect(standin.messages(id).length).toBe(1);
      // Three rounds of `share` need two slot reuses, each a window after an answer.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2 * WINDOW_MS);
    });
  });

  test('requests without the bot token (interaction callbacks, webhook follow-ups) skip the budget: a used-up share does not delay them', async () => {
    await withStandin(50, 1, async (standin) => {
      const rest = new REST({ version: '10', api: standin.apiUrl, ...restBudgetOptions(1) }).setToken(TOKEN);
      await rest.get(Routes.gatewayBot()); // takes the only slot for the next ~1 s
      const started = Date.now();
      for (let i = 0; i < 3; i += 1) await rest.get(Routes.gateway(), { auth: false });
      expect(Date.now() - started).toBeLessThan(WINDOW_MS / 2);
      const again = Date.now();
      await rest.get(Routes.gatewayBot()); // with the token: waits for the slot
      expect(Date.now() - again).toBeGreaterThanOrEqual(WINDOW_MS / 2);
    });
  });

  test('a slot is taken again only a window after its request was answered, and turns go in call order', async () => {
    const acquire = slotBudget(2, 60);
    const events: string[] = [];
    const times: number[] = [];
    const run = async (name: string, holdMs: number) => {
      const release = await acquire();
      events.push(name);
      times.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      const answeredAt = Date.now();
      release();
      return answeredAt;
    };
    const [a, b] = [run('a', 30), run('b', 5)];
    const c = run('c', 0);
    const d = run('d', 0);
    const [aAnswered, bAnswered] = await Promise.all([a, b]);
    await Promise.all([c, d]);
    expect(events).toEqual(['a', 'b', 'c', 'd']);
    // c reuses b's slot (answered first), d reuses a's: each at least a window after that answer.
    expect(times[2]).toBeGreaterThanOrEqual(bAnswered + 60);
    expect(times[3]).toBeGreaterThanOrEqual(aAnswered + 60);
  });

  test('REST_REQUESTS_PER_SECOND: default 50, a whole number of at least 1', () => {
    const minimal = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID };
    expect(loadConfig(minimal).restRequestsPerSecond).toBe(50);
    expect(loadConfig({ ...minimal, REST_REQUESTS_PER_SECOND: '25' }).restRequestsPerSecond).toBe(25);
    for (const bad of ['0', '2.5', 'fast']) {
      expect(() => loadConfig({ ...minimal, REST_REQUESTS_PER_SECOND: bad }), bad).toThrow(/REST_REQUESTS_PER_SECOND .*Discord's global limit is 50/);
    }
  });

  test('shard 0 (the dispatcher) gets the budget less a small reserve for each other shard, never 0, never over the limit', () => {
    // On SQLite shard 0 alone dispatches: it keeps the budget less a reserve of 2/s for each other shard.
    expect(restShareFor(50, 1)).toBe(50);
    expect([restShareFor(50, 2, 0), restShareFor(50, 2, 1)]).toEqual([48, 2]);
    expect([restShareFor(50, 3, 0), restShareFor(50, 3, 2)]).toEqual([46, 2]);
    expect([restShareFor(50, 20, 0), restShareFor(50, 20, 7)]).toEqual([31, 1]);
    // Past 50 shards even 1/s each is over the bot's limit: that needs a proxy or a higher limit (README §7).
    expect([restShareFor(50, 64, 0), restShareFor(50, 64, 63)]).toEqual([1, 1]);
    for (const shards of [2, 3, 5, 10, 25]) {
      const total = restShareFor(50, shards, 0) + (shards - 1) * restShareFor(50, shards, 1);
      expect(total).toBeLessThanOrEqual(50);
    }
  });
});
