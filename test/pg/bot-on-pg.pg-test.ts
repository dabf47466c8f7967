// The whole bot on PostgreSQL (DATABASE_URL), in-process against the stand-in, on a fresh database:
// it migrates and imports at start, answers a command, keeps a /language choice, plans posts with
// /announcements set and delivers a post exactly once, recording it in PostgreSQL.
import type { APIMessage } from 'discord.js';
import type { Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { announcementOutbox } from '../../src/db/pg/announcements-schema.js';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { posts } from '../e2e/announcement-support.js';
import { GUILD_ID, makeTempDir, startTestStandin, STARTUP_TIMEOUT_MS } from '../e2e/harness.js';
import { endInProcessRun, startInProcessBot, type InProcessBot } from '../e2e/in-process-bot.js';
import { freshDatabase } from './support.js';

const MANAGE_GUILD = '32';
const USER = '1300000000000000042';

let standin: Standin;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let peek: OpenedPgDatabase;
const bots: InProcessBot[] = [];

const ask = async (name: string, opts: { subcommand?: string; options?: Record<string, string | boolean>; memberPermissions?: string } = {}): Promise<APIMessage> => {
  const handle = standin.sendInteraction({
    kind: 'chatInput',
    name,
    userId: USER,
    ...(opts.subcommand === undefined ? {} : { subcommand: opts.subcommand }),
    options: opts.options ?? {},
    ...(opts.memberPermissions === undefined ? {} : { memberPermissions: opts.memberPermissions }),
  });
  await handle.callback;
  return handle.waitForOriginal((m) => (m.content ?? '') !== '' || m.embeds.length > 0, 15_000);
};

describe('the bot on PostgreSQL', () => {
  let bot: InProcessBot;
  let channel: string;

  beforeAll(async () => {
    database = await freshDatabase('bot');
    peek = openPgDatabase(database.url, { max: 1 });
    standin = await startTestStandin({
      guilds: [{ id: GUILD_ID, name: 'CAF test server', channels: [{ name: 'general' }, { name: 'matchday' }] }],
    });
    channel = standin.channelByName(GUILD_ID, 'matchday')!.id;
    bot = await startInProcessBot(standin, {
      databasePath: makeTempDir(),
      clock: { start: '2023-11-22T00:00:00Z', rate: 14_400 },
      extra: { DATABASE_PATH: undefined, DATABASE_URL: database.url },
    });
    bots.push(bot);
  }, STARTUP_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await endInProcessRun(bots, standin);
    await peek?.close();
    await database?.drop();
  });

  test('GIVEN a fresh database THEN the start migrated it and imported the season files into PostgreSQL, without logging the password', async () => {
    const { rows } = await peek.pool.query<{ n: string }>('select count(*) as n from seasons');
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    expect(bot.lines.some((l) => l.msg === 'data on PostgreSQL')).toBe(true);
    expect(bot.output()).not.toContain(new URL(database.url).password);
  });

  test('GIVEN /about and a /language choice THEN answered, and the next reply speaks the chosen language', async () => {
    expect((await ask('about')).embeds.length).toBeGreaterThan(0);
    expect((await ask('language', { subcommand: 'set', options: { language: 'fr' } })).content).toContain('Désormais, je vous réponds en');
    const { rows } = await peek.pool.query<{ language: string }>('select language from user_languages where user_id = $1', [USER]);
    expect(rows).toEqual([{ language: 'fr' }]);
    expect((await ask('language', { subcommand: 'show' })).content).toContain('Je vous réponds en **français**');
    // Forgotten: the reply to the reset itself already speaks English again.
    expect((await ask('language', { subcommand: 'reset' })).content).toContain('Your choice is forgotten');
    expect((await peek.pool.query('select 1 from user_languages where user_id = $1', [USER])).rowCount).toBe(0);
  }, 30_000);

  test('GIVEN /announcements set THEN posts are planned in PostgreSQL and the 24h preview is delivered once', async () => {
    const answer = await ask('announcements', { subcommand: 'set', options: { channel, competition: 'caf-cc-2023-24', leads: '24h' }, memberPermissions: MANAGE_GUILD });
    expect(answer.content).toContain(`Announcements are on in <#${channel}>`);
    const planned = await peek.db.select({ n: sql<number>`count(*)::int` }).from(announcementOutbox).where(eq(announcementOutbox.channelId, channel));
    expect(planned[0]?.n).toBeGreaterThan(0);

    await bot.advanceTo('2023-11-25T13:00:00Z');
    await bot.waitForSent(1, 'the 24h preview');
    // A second of beats more at the same instant: nothing is sent twice.
    await bot.advanceTo('2023-11-25T13:00:00Z', 1_000);
    expect(posts(standin, channel).map((m) => m.embeds[0]?.title)).toEqual(['Group stage · Matchday 1 — preview']);
    const sent = await peek.db
      .select({ messageId: announcementOutbox.messageId, nonce: announcementOutbox.nonce })
      .from(announcementOutbox)
      .where(and(eq(announcementOutbox.channelId, channel), eq(announcementOutbox.status, 'sent')));
    expect(sent).toEqual([{ messageId: posts(standin, channel)[0]!.id, nonce: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
  }, 60_000);
});
