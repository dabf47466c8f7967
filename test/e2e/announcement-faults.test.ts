// Announcements under Discord's faults, end to end: the whole bot in-process (startBot, real discord.js,
// replay clock) posting to the stand-in while it answers 5xx, 429, 403 and 404, loses a channel, or
// the bot was down across due times. Matchday 1's first kickoff: 2023-11-26 13:00 UTC. A bot process
// killed mid-send: test/faults/ (`npm run test:faults`).
import { join } from 'node:path';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { H, PREVIEW_24H, posts, readRows, seed } from './announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin } from './harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from './in-process-bot.js';

let standin: Standin;
const bots: InProcessBot[] = [];

afterAll(() => endInProcessRun(bots, standin));

describe('announcements under faults', () => {
  beforeAll(async () => {
    standin = await startTestStandin({
      globalRateLimit: 50,
      guilds: [
        {
          id: GUILD_ID,
          name: 'CAF test server',
          channels: [
            { name: 'general' },
            ...['flaky', 'throttled', 'refusing', 'no-embeds', 'deleted', 'unknown', 'late', 'too-late'].map((name) => ({ name })),
          ],
        },
      ],
    });
  }, 30_000);

  const id = (name: string): string => standin.channelByName(GUILD_ID, name)!.id;
  /** A bot on a replay clock that runs at `rate` from `clockStart`, as BOT_CLOCK_START/BOT_CLOCK_RATE make it. */
  const start = async (databasePath: string, clockStart: string, rate: number): Promise<InProcessBot> => {
    const bot = await startInProcessBot(standin, { databasePath, clock: { start: clockStart, rate, running: true } });
    bots.push(bot);
    return bot;
  };

  test('GIVEN 5xx and 429 answers THEN both survived with one post each; 403 ×3, missing Embed Links, a deleted and an unknown channel THEN disabled', async () => {
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    // Three previews (3h, 2h, 1h before the 13:00 kickoff): three distinct posts per channel.
    const leads = [3 * H, 2 * H, H];
    const names = ['flaky', 'throttled', 'refusing', 'no-embeds', 'deleted', 'unknown'];
    const ids = new Map(names.map((n) => [n, id(n)])); // 'deleted' will be gone from the stand-in
    const idOf = (n: string): string => ids.get(n)!;
    // 'deleted' has only the 1h preview, so its channel is gone (CHANNEL_DELETE) well before anything is due.
    const oneLead = new Set(['flaky', 'throttled', 'deleted']);
    seed(databasePath, names.map((n) => ({ id: id(n), leadsMs: oneLead.has(n) ? [H] : leads })), Date.parse('2023-11-20T00:00:00Z'));
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${id('flaky')}/messages`, status: 502, times: 6 });
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${id('throttled')}/messages`, status: 429, retryAfterSeconds: 1, times: 2 });
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${id('refusing')}/messages`, status: 403, code: 50013, times: Number.POSITIVE_INFINITY });
    standin.injectFault({ method: 'POST', pathPattern: `/channels/${id('unknown')}/messages`, status: 404, code: 10003, times: Number.POSITIVE_INFINITY });
    standin.setBotPermissions(id('no-embeds'), { deny: ['EmbedLinks'] });

    // 20 simulated minutes per real second, from 09:50 on 26 Nov: the three leads fall 10, 70 and 130 minutes in.
    const bot = await start(databasePath, '2023-11-26T09:50:00Z', 1_200);
    standin.deleteChannel(idOf('deleted'));
    await bot.waitForLog((l) => l.msg === 'announcement channel deleted; disabled', 10_000, 'the deleted channel disabled');
    await standin.waitFor(
      () => readRows(databasePath, 'select count(*) as n from announcement_subscriptions where enabled = 0')[0]?.n === 4 && posts(standin, id('flaky')).length > 0 && posts(standin, id('throttled')).length > 0,
      60_000,
      'four channels disabled and the flaky ones served',
    );
    await bot.stop();

    expect(posts(standin, id('flaky'))).toHaveLength(1);
    expect(posts(standin, id('throttled'))).toHaveLength(1);
    const subs = readRows(databasePath, 'select channel_id, enabled, disabled_reason from announcement_subscriptions order by id');
    expect(subs.map((s) => [names.find((n) => idOf(n) === s.channel_id), s.enabled, s.disabled_reason])).toEqual([
      ['flaky', 1, null],
      ['throttled', 1, null],
      ['refusing', 0, 'missing_permissions: Discord 50013'],
      ['no-embeds', 0, 'missing_permissions: missing Embed Links'],
      ['deleted', 0, 'channel_deleted'],
      ['unknown', 0, 'channel_deleted'],
    ]);
    // 403 three times, then no fourth request; the pre-check and the deleted channel cost no request at all.
    expect(standin.requestsTo('POST', `/channels/${id('refusing')}/messages`)).toHaveLength(3);
    expect(standin.requestsTo('POST', `/channels/${id('no-embeds')}/messages`)).toHaveLength(0);
    expect(standin.requestsTo('POST', `/channels/${idOf('deleted')}/messages`)).toHaveLength(0);
    expect(standin.requestsTo('POST', `/channels/${id('unknown')}/messages`)).toHaveLength(1);
    const flaky = readRows(databasePath, 'select status, attempts from announcement_outbox where channel_id = ? and round_key = ?', id('flaky'), 'GS-MD1');
    expect(flaky).toEqual([{ status: 'sent', attempts: 2 }]);
  }, 120_000);

  test('GIVEN downtime across due times THEN one late post inside the window, an expired record outside it', async () => {
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    // "late": the 24h preview (due 25 Nov 13:00). "too-late": a 30h preview (due 07:00, window ends 13:00).
    seed(databasePath, [{ id: id('late'), leadsMs: [24 * H] }, { id: id('too-late'), leadsMs: [30 * H] }], Date.parse('2023-11-20T00:00:00Z'));

    const before = await start(databasePath, '2023-11-25T05:00:00Z', 1);
    await before.stop();
    // Back two hours after the 24h preview was due (eight after the 30h one).
    const after = await start(databasePath, '2023-11-25T15:00:00Z', 1);
    await standin.waitFor(() => posts(standin, id('late')).length > 0, 20_000, 'the late post');
    await after.waitForLog((l) => l.msg === 'announcement expired unsent', 10_000, 'the expiry');
    await after.stop();

    expect(posts(standin, id('late'))).toHaveLength(1);
    expect(posts(standin, id('late'))[0]?.content).toBe(`-# Posted late: this was due <t:${PREVIEW_24H / 1000}:f>.`);
    expect(posts(standin, id('too-late'))).toHaveLength(0);
    const rows = readRows(databasePath, "select channel_id, status, late from announcement_outbox where round_key = 'GS-MD1' order by channel_id");
    expect(rows).toEqual(
      [
        { channel_id: id('late'), status: 'sent', late: 1 },
        { channel_id: id('too-late'), status: 'expired', late: 0 },
      ].sort((x, y) => (x.channel_id < y.channel_id ? -1 : 1)),
    );
  }, 90_000);
});
