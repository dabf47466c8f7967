// Matchday announcements end to end: the real bot process (replay clock) against the stand-in.
// Each scenario gets its own database; the season is the real 2023–24 file. Group stage matchday 1:
// first kickoff 2023-11-26 13:00 UTC, last 19:00 → 24h preview 25 Nov 13:00, 1h preview 26 Nov 12:00,
// recap 26 Nov 21:30.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seasonRounds } from '../../src/domain/calendar.js';
import { indexSeason } from '../../src/domain/season-index.js';
import { openDatabase } from '../../src/db/client.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { escapeText } from '../../src/discord/render/text.js';
import { readSeasonFile } from '../../src/season/read.js';
import type { Standin } from 'discord-standin';
import {
  botEnv,
  GUILD_ID,
  makeTempDir,
  startBotProcess,
  startTestStandin,
  stopAll,
  STARTUP_TIMEOUT_MS,
  TEST_TOKEN,
  type BotProcess,
} from './harness.js';

const H = 3_600_000;
const OTHER_GUILD = '1100000000000000002';
const MANAGE_GUILD = '32';
const PREVIEW_24H = Date.parse('2023-11-25T13:00:00Z');

const { season } = readSeasonFile();
const index = indexSeason(season);
const md1 = seasonRounds(season).find((r) => r.key === 'GS-MD1')!;
const fixtureTitles = md1.matches.map((m) => `${escapeText(index.teamName(m.home))} v ${escapeText(index.teamName(m.away))}`);

const text = (m: APIMessage): string =>
  [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
const title = (m: APIMessage): string => m.embeds[0]?.title ?? '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let standin: Standin;
const bots: BotProcess[] = [];

afterAll(async () => {
  for (const bot of bots) expect(bot.stdout() + bot.stderr()).not.toContain(TEST_TOKEN);
  await stopAll();
  await standin?.close();
});

/** Bot posts in a channel (interaction replies, which carry a webhook id, left out). */
const posts = (channelId: string): APIMessage[] => standin.messages(channelId).filter((m) => m.webhook_id === undefined);

const startBot = async (databasePath: string, clockStart: string, rate: number) => {
  const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: clockStart, BOT_CLOCK_RATE: String(rate) } });
  const { bot } = await startBotProcess(env);
  bots.push(bot);
  await bot.waitForLog((l) => l.msg === 'announcement scheduler started', 10_000, 'the scheduler');
  return bot;
};

/** Runs /announcements as a server manager (unless told otherwise) and returns the ephemeral answer. */
const announce = async (
  subcommand: string,
  options: Record<string, string | boolean> = {},
  as: { guildId?: string | null; memberPermissions?: string } = {},
): Promise<APIMessage> => {
  const handle = standin.sendInteraction({
    kind: 'chatInput',
    name: 'announcements',
    subcommand,
    options,
    memberPermissions: as.memberPermissions ?? MANAGE_GUILD,
    ...(as.guildId === undefined ? {} : { guildId: as.guildId }),
  });
  await handle.callback;
  return handle.waitForOriginal((m) => (m.content ?? '') !== '' || m.embeds.length > 0, 15_000);
};

const seed = (databasePath: string, channels: readonly { id: string; leadsMs: number[]; recap?: boolean }[], at: number): void => {
  const { db, close } = openDatabase(databasePath);
  try {
    for (const c of channels) setSubscription(db, { guildId: GUILD_ID, channelId: c.id, roleId: null, leadsMs: c.leadsMs, recap: c.recap ?? false }, at);
  } finally {
    close();
  }
};

const readRows = (databasePath: string, sql: string, ...params: unknown[]): Record<string, unknown>[] => {
  const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
};

describe('a replayed matchday in two channels', () => {
  let a: string;
  let b: string;
  let foreign: string;
  let role: string;
  let bot: BotProcess;

  beforeAll(async () => {
    standin = await startTestStandin({
      guilds: [
        { id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'matchday-a', type: 5 }, { name: 'matchday-b' }] },
        { id: OTHER_GUILD, name: 'Another server', channels: [{ name: 'elsewhere' }] },
      ],
    });
    a = standin.channelByName(GUILD_ID, 'matchday-a')!.id;
    b = standin.channelByName(GUILD_ID, 'matchday-b')!.id;
    foreign = standin.channelByName(OTHER_GUILD, 'elsewhere')!.id;
    role = standin.addRole(GUILD_ID, { name: 'Matchday fans', mentionable: true }).id;
    // 4 simulated hours per real second: startup (a few seconds) ends long before the first post is due.
    bot = await startBot(join(makeTempDir(), 'bot.sqlite'), '2023-11-23T12:00:00Z', 14_400);
  }, STARTUP_TIMEOUT_MS + 15_000);

  test('GIVEN a non-manager, a DM, or a channel of another server THEN refused', async () => {
    expect((await announce('set', { channel: a }, { memberPermissions: '2048' })).content).toContain('Only members with **Manage Server**');
    expect((await announce('status', {}, { guildId: null })).content).toContain('not in DMs');
    expect((await announce('set', { channel: foreign })).content).toContain('not in this server');
  }, 30_000);

  test('GIVEN two channels THEN exactly one preview per lead and one recap each, in order, with the right fixtures', async () => {
    expect((await announce('set', { channel: a, leads: '24h,1h' })).content).toContain(`Announcements are on in <#${a}>`);
    expect((await announce('set', { channel: b, role })).content).toContain(`mentions <@&${role}>`);

    await standin.waitFor(() => posts(a).length >= 3 && posts(b).length >= 2, 60_000, 'matchday 1 posts');
    await sleep(2_000); // ~8 simulated hours more: nothing else may arrive before matchday 2 (2 Dec).

    expect(posts(a).map(title)).toEqual([
      'Group stage · Matchday 1 — preview',
      'Group stage · Matchday 1 — preview',
      'Group stage · Matchday 1 — results',
    ]);
    expect(posts(b).map(title)).toEqual(['Group stage · Matchday 1 — preview', 'Group stage · Matchday 1 — results']);
    for (const preview of [posts(a)[0]!, posts(a)[1]!, posts(b)[0]!]) {
      for (const fixture of fixtureTitles) expect(text(preview)).toContain(fixture);
      expect(text(preview)).not.toMatch(/\*\*\d+–\d+\*\*/); // no results in a preview
    }
    expect(text(posts(a)[2]!)).toContain('table after matchday 1');

    // Only the role of channel b is ever mentioned; never everyone.
    const bodies = standin.requestsTo('POST', '/channels/:id/messages').map((r) => ({ path: r.path, body: r.body as Record<string, unknown> }));
    for (const { path, body } of bodies) {
      expect(body.allowed_mentions).toEqual(path.includes(b) ? { parse: [], roles: [role] } : { parse: [] });
      expect(body.enforce_nonce).toBe(true);
    }
    expect(posts(b)[0]?.content).toBe(`<@&${role}>`);

    const status = await announce('status');
    const sent = status.embeds[0]?.fields?.find((f) => f.name === 'Sent')?.value ?? '';
    expect(sent).toContain(`https://discord.com/channels/${GUILD_ID}/${a}/${posts(a)[2]!.id}`);
  }, 90_000);

  afterAll(async () => {
    await bot?.stop('SIGTERM');
  });
});

describe('faults', () => {
  beforeAll(async () => {
    await standin?.close();
    standin = await startTestStandin({
      globalRateLimit: 50,
      guilds: [
        {
          id: GUILD_ID,
          name: 'CAF test server',
          channels: [
            { name: 'general' },
            ...Array.from({ length: 200 }, (_, i) => ({ name: `fan-${i}` })),
            ...['flaky', 'throttled', 'refusing', 'no-embeds', 'deleted', 'unknown', 'late', 'too-late'].map((name) => ({ name })),
          ],
        },
      ],
    });
  }, 30_000);

  const id = (name: string): string => standin.channelByName(GUILD_ID, name)!.id;

  test('GIVEN a SIGKILL in the middle of a fan-out to 200 channels THEN after a restart every channel has exactly one post', async () => {
    const databasePath = join(makeTempDir(), 'bot.sqlite');
    const fans = Array.from({ length: 200 }, (_, i) => id(`fan-${i}`));
    seed(databasePath, fans.map((c) => ({ id: c, leadsMs: [24 * H] })), PREVIEW_24H - 24 * H);
    const env = botEnv(standin, { databasePath, extra: { BOT_CLOCK_START: new Date(PREVIEW_24H + 5_000).toISOString(), BOT_CLOCK_RATE: '1' } });

    const first = (await startBotProcess(env)).bot;
    bots.push(first);
    await standin.waitFor(() => fans.filter((c) => posts(c).length > 0).length >= 60, 30_000, '60 posts');
    await first.stop('SIGKILL');
    const before = fans.filter((c) => posts(c).length > 0).length;
    expect(before).toBeLessThan(200);

    const second = (await startBotProcess(env)).bot;
    bots.push(second);
    // Its first tick took back the rows the killed process had claimed (and resent them with their nonces).
    const catchUp = await second.waitForLog((l) => l.msg === 'announcement tick', 30_000, 'the catch-up tick');
    expect(catchUp.reclaimed).toBeGreaterThan(0);
    await standin.waitFor(() => fans.every((c) => posts(c).length > 0), 60_000, 'a post in every channel');
    await sleep(1_000);
    expect(fans.filter((c) => posts(c).length !== 1)).toEqual([]);
    await second.stop('SIGTERM');

    const rows = readRows(databasePath, "select status, count(*) as n from announcement_outbox where round_key = 'GS-MD1' group by status");
    expect(rows).toEqual([{ status: 'sent', n: 200 }]);
  }, 150_000);

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
    const bot = await startBot(databasePath, '2023-11-26T09:50:00Z', 1_200);
    standin.deleteChannel(idOf('deleted'));
    await bot.waitForLog((l) => l.msg === 'announcement channel deleted; disabled', 10_000, 'the deleted channel disabled');
    await standin.waitFor(
      () => readRows(databasePath, 'select count(*) as n from announcement_subscriptions where enabled = 0')[0]?.n === 4 && posts(id('flaky')).length > 0 && posts(id('throttled')).length > 0,
      60_000,
      'four channels disabled and the flaky ones served',
    );
    await bot.stop('SIGTERM');

    expect(posts(id('flaky'))).toHaveLength(1);
    expect(posts(id('throttled'))).toHaveLength(1);
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

    const before = await startBot(databasePath, '2023-11-25T05:00:00Z', 1);
    await before.stop('SIGTERM');
    // Back two hours after the 24h preview was due (eight after the 30h one).
    const after = await startBot(databasePath, '2023-11-25T15:00:00Z', 1);
    await standin.waitFor(() => posts(id('late')).length > 0, 20_000, 'the late post');
    await after.waitForLog((l) => l.msg === 'announcement expired unsent', 10_000, 'the expiry');
    await after.stop('SIGTERM');

    expect(posts(id('late'))).toHaveLength(1);
    expect(posts(id('late'))[0]?.content).toBe(`-# Posted late: this was due <t:${PREVIEW_24H / 1000}:f>.`);
    expect(posts(id('too-late'))).toHaveLength(0);
    const rows = readRows(databasePath, "select channel_id, status, late from announcement_outbox where round_key = 'GS-MD1' order by channel_id");
    expect(rows).toEqual(
      [
        { channel_id: id('late'), status: 'sent', late: 1 },
        { channel_id: id('too-late'), status: 'expired', late: 0 },
      ].sort((x, y) => (x.channel_id < y.channel_id ? -1 : 1)),
    );
  }, 90_000);
});
