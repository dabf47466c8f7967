// The dispatcher with the real sender and discord.js REST client against the stand-in's fault
// injection: one channel rate limited for a minute and one whose post never answers must not delay
// the others, and each row is recorded at the time of its own send. Also: a post split across
// messages, end to end.
import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { OpenedDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { partNonce, rowsFor, type OutboxRow } from '../../src/db/outbox.js';
import { createDiscordSender } from '../../src/discord/announcements/sender.js';
import { createClient } from '../../src/discord/client.js';
import type { Season } from '../../src/domain/types.js';
import { planOne } from '../../src/planning/announcements.js';
import { runTick, type TickDeps } from '../../src/scheduler/tick.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';

const H = 3_600_000;
const M = 60_000;
const groupSeason = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' })],
});
const DUE = Date.parse('2023-11-25T13:00:00Z'); // the 24h preview
const REQUEST_TIMEOUT_MS = 400;

let standin: Standin;
let client: Client;
let opened: OpenedDatabase;

beforeAll(async () => {
  standin = await startStandin({ log: silent });
  client = createClient({ apiUrl: standin.apiUrl }, silent);
  const ready = once(client, Events.ClientReady);
  await client.login('stalled-channel-token');
  await ready;
});
afterAll(async () => {
  await client?.destroy();
  await standin?.close();
});
beforeEach(() => {
  opened = makeTestDb();
});
afterEach(() => {
  standin.clearFaults();
  opened.close();
});

/** A guild with the named channels, each subscribed to the season's posts. */
const subscribedChannels = (season: Season, names: readonly string[], at: number): { guildId: string; ids: Map<string, string> } => {
  const guild = standin.addGuild({ channels: names.map((name) => ({ name })) });
  const ids = new Map(names.map((name) => [name, standin.channelByName(guild.id, name)!.id]));
  for (const channelId of ids.values()) {
    planOne(opened.db, season, setSubscription(opened.db, { guildId: guild.id, channelId, roleId: null, leadsMs: [24 * H], recap: false }, at), at);
  }
  return { guildId: guild.id, ids };
};

/** The bot clock starts at `start` and runs in real time. */
const botClock = (start: number): (() => number) => {
  const realStart = Date.now();
  return () => start + (Date.now() - realStart);
};

const deps = (season: Season, now: () => number, over: Partial<TickDeps> = {}): TickDeps => ({
  db: opened.db,
  season: () => season,
  send: createDiscordSender(client, { requestTimeoutMs: REQUEST_TIMEOUT_MS }),
  log: silent,
  now,
  ...over,
});

describe('a stalled channel (D3)', () => {
  test('GIVEN a 429 with Retry-After 60 on one channel and a post that never answers on another THEN the others go out at once, on time', async () => {
    const { guildId, ids } = subscribedChannels(groupSeason, ['limited', 'hung', 'calm-1', 'calm-2'], Date.parse('2023-11-20T00:00:00Z'));
    const limited = ids.get('limited')!;
    const hung = ids.get('hung')!;
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${limited}/messages`, status: 429, retryAfterSeconds: 60, times: Number.POSITIVE_INFINITY });
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${hung}/messages`, delayMs: 60_000 });

    const now = botClock(DUE);
    const started = Date.now();
    // concurrency 2: the two stalled channels hold every slot first; the calm ones must still get through.
    const report = await runTick(deps(groupSeason, now, { concurrency: 2 }), DUE);
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(5 * REQUEST_TIMEOUT_MS + 1_000);
    expect(report).toMatchObject({ claimed: 4, sent: 2, late: 0, retried: 2 });

    const row = (name: string): OutboxRow => rowsFor(opened.db, { guildId, channelId: ids.get(name)! })[0]!;
    for (const name of ['calm-1', 'calm-2']) {
      expect(row(name)).toMatchObject({ status: 'sent', late: false });
      // Recorded when it went out, not when the pass began or ended.
      expect(row(name).sentAt! - DUE).toBeLessThan(tookMs + 50);
      expect(standin.messages(ids.get(name)!)).toHaveLength(1);
    }
    expect(row('limited')).toMatchObject({ status: 'pending', lastErrorCode: '429', attempts: 1 });
    expect(row('limited').nextAttemptAt! - DUE).toBeGreaterThanOrEqual(59_000);
    expect(row('hung')).toMatchObject({ status: 'pending', lastErrorCode: 'timeout', attempts: 1 });

    // Later: Discord answers again. The abandoned post is retried with the same nonce, once.
    standin.clearFaults();
    const later = await runTick(deps(groupSeason, botClock(DUE + 2 * M)), DUE + 2 * M);
    expect(later).toMatchObject({ claimed: 2, sent: 2 });
    expect(row('hung')).toMatchObject({ status: 'sent', attempts: 2, late: false });
    // (The stand-in records a request once it answers: the abandoned one is still being held.)
    const hungNonces = standin.requestsTo('POST', `/channels/${hung}/messages`).map((r) => (r.body as { nonce: string }).nonce);
    expect(hungNonces).toEqual([row('hung').nonce]);
    expect(standin.messages(hung)).toHaveLength(1);
  });
});

describe('a post split across messages, through the dispatcher', () => {
  test('GIVEN a recap of 40 long-named ties THEN several messages, each part with its own nonce, and no duplicate on a repeated pass', async () => {
    const long = 'Club With A Really Quite Long Name For Testing Purposes';
    const season = makeSeason({
      teams: [],
      matches: Array.from({ length: 40 }, (_, i) =>
        match({ id: `R1-T${i + 1}-L1`, stage: 'first_round', tie: i + 1, leg: 1, home: `${long} ${2 * i}`, away: `${long} ${2 * i + 1}`, date: '2023-08-18', kickoff: '2023-08-18T15:00:00Z', venue: long.repeat(3), status: 'scheduled' }),
      ),
    });
    const { guildId, ids } = subscribedChannels(season, ['split'], Date.parse('2023-08-01T00:00:00Z'));
    const channelId = ids.get('split')!;
    const due = Date.parse('2023-08-17T15:00:00Z');
    expect(await runTick(deps(season, () => due), due)).toMatchObject({ sent: 1 });

    const [row] = rowsFor(opened.db, { guildId, channelId });
    const messages = standin.messages(channelId);
    expect(messages.length).toBeGreaterThan(1);
    expect(row!.messageIds).toEqual(messages.map((m) => m.id));
    expect(messages.map((m) => m.nonce)).toEqual(messages.map((_, i) => partNonce(row!.nonce, i)));
    expect(await runTick(deps(season, () => due + M), due + M)).toMatchObject({ claimed: 0 });
    expect(standin.messages(channelId)).toHaveLength(messages.length);
  });
});

describe('many channels at once', () => {
  test('GIVEN 30 channels and 30 slots THEN every post goes out once and no listener-leak warning is raised', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const names = Array.from({ length: 30 }, (_, i) => `fan-${i}`);
      const { ids } = subscribedChannels(groupSeason, names, Date.parse('2023-11-20T00:00:00Z'));
      const stop = new AbortController();
      // The default request deadline: this is about listeners, not speed.
      const send = createDiscordSender(client);
      expect(await runTick(deps(groupSeason, () => DUE, { concurrency: 30, signal: stop.signal, send }), DUE)).toMatchObject({ claimed: 30, sent: 30 });
      for (const id of ids.values()) expect(standin.messages(id)).toHaveLength(1);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});
