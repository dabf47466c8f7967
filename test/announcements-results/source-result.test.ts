// A result arriving while the bot runs: the whole bot in-process on a replay clock standing still at
// midday of the Champions League final's second leg, the season naming a local HTTP source. Channels
// following Al Ahly and Espérance (results:each) and one following Mamelodi Sundowns are set up first;
// then the source publishes the final's result. The store records the result as seen at the bot's now,
// the season watch re-plans on the next heartbeat, and the full-time post goes out once in each of the
// two finalists' channels and in no other.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { announceAsManager, messageText, posts, readRows } from '../e2e/announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin, stopAll, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import { startInProcessBot, stopInProcessBots, type InProcessBot } from '../e2e/in-process-bot.js';
import { clSeasonFile, matchOf, startLocalSource, withoutResult, type LocalSource } from '../sources/support.js';

const ID = 'caf-cl-2023-24';
const EVERY_S = 10;
const NOW = Date.parse('2024-05-25T12:00:00Z');

let standin: Standin;
let source: LocalSource;
let bot: InProcessBot;
let databasePath: string;
const channels = new Map<string, string>();

const served = (file: unknown) => JSON.stringify({ ...(file as object), source: { url: source.url, format: 'season-json', every: `${EVERY_S}s` } });

beforeAll(async () => {
  const dir = makeTempDir();
  source = await startLocalSource();
  const before = clSeasonFile();
  withoutResult(before, 'F-L2');
  before.champion = null;
  const file = join(dir, `${ID}.json`);
  writeFileSync(file, served(before));
  // The source serves the file as it is until the result is published.
  source.serve({ body: served(before), etag: '"before"' });
  standin = await startTestStandin({ guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: ['general', 'ahly', 'esperance', 'sundowns'].map((name) => ({ name })) }] });
  for (const name of ['ahly', 'esperance', 'sundowns']) channels.set(name, standin.channelByName(GUILD_ID, name)!.id);
  databasePath = join(dir, 'bot.sqlite');
  bot = await startInProcessBot(standin, { databasePath, clock: { start: new Date(NOW).toISOString(), rate: 3_600 }, extra: { SEASON_FILES: file } });
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await stopInProcessBots();
  await stopAll();
  await standin?.close();
  await source?.close();
});

describe('a result a source publishes while the bot runs', () => {
  test(
    'is posted when it is saved: once in each finalist’s channel, in no other',
    async () => {
      for (const [name, team] of [['ahly', 'al-ahly-sc'], ['esperance', 'esperance-de-tunis'], ['sundowns', 'mamelodi-sundowns']] as const) {
        const reply = await announceAsManager(standin, 'set', { channel: channels.get(name)!, competition: ID, team, results: 'each', leads: '2h' });
        expect(reply.content).toContain('a post per match at full time');
      }
      const after = clSeasonFile();
      matchOf(after, 'F-L2').goals = [{ team: 'Al Ahly SC', player: 'Test Scorer', minute: '25', type: 'regular' }];
      source.serve({ body: served(after), etag: '"after"' });
      await bot.waitForLog((l) => l.msg === 'season updated from its source: 1 result, 1 goal', (EVERY_S + 10) * 1_000, 'the update');
      await bot.waitForSent(2, 'the two full-time posts');

      for (const name of ['ahly', 'esperance']) {
        const sent = posts(standin, channels.get(name)!);
        expect(sent, name).toHaveLength(1);
        const text = messageText(sent[0]!);
        expect(text).toContain('Full time');
        expect(text).toMatch(/Al Ahly SC \*\*1–0\*\* Espérance de Tunis/);
        expect(text).toContain('Test Scorer 25');
      }
      expect(posts(standin, channels.get('sundowns')!)).toHaveLength(0);
      // Known at the bot's now of saving (the replay clock), not at the real time.
      expect(readRows(databasePath, "select known_at from fact_sightings where match_id = 'F-L2' and fact = 'result'")).toEqual([{ known_at: NOW }]);
      expect(readRows(databasePath, "select count(*) as n from announcement_outbox where kind = 'result' and status = 'sent'")).toEqual([{ n: 2 }]);
    },
    (EVERY_S + 40) * 1_000,
  );
});
