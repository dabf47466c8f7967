// The bot leaving a server, through the real discord.js client and the stand-in's gateway: GUILD_DELETE
// marks the server (an outage, `unavailable: true`, does not), GUILD_CREATE clears the mark, a server
// left while the bot was down is marked at ready, and the dispatcher's heartbeat purges a server
// 30 days after the bot left it. The wiring is the bot's own: createAnnouncements.
import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import { startStandin, type Standin } from 'discord-standin';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClock } from '../../src/clock.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import { departedAt } from '../../src/db/guild-departures.js';
import { getSubscription, listSubscriptions, setSubscription } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { rowsFor } from '../../src/db/outbox.js';
import { planOne } from '../../src/planning/announcements.js';
import type { Scheduler } from '../../src/scheduler/cron.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';
import { startAnnouncementsRuntime, type RunningAnnouncements } from '../support/announcements-runtime.js';

const H = 3_600_000;
const DAY = 24 * H;
const START = Date.parse('2023-11-20T00:00:00Z');
/** A server the bot was removed from while it was down: settings stored, no GUILD_DELETE will ever come. */
const LEFT_WHILE_DOWN = '1100000000000000077';
const LEFT_WHILE_DOWN_CHANNEL = '1200000000000000077';
/** Another, with only a server language stored. */
const LANGUAGE_ONLY = '1100000000000000078';
/** A server the bot is in at start, with settings: never marked. */
const HOME = '1100000000000000079';

const season = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD2-1', stage: 'group', group: 'A', matchday: 2, home: 'b', away: 'a', date: '2024-02-26', kickoff: '2024-02-26T13:00:00Z', status: 'scheduled' })],
});

let standin: Standin;
let client: Client;
let opened: OpenedDatabase;
let runtime: RunningAnnouncements | undefined;
let scheduler: Scheduler;
let real = 0;
const clock = createClock({ start: new Date(START).toISOString(), rate: 1 }, () => real);
const now = (): number => clock.now().getTime();

const subscribe = (guildId: string, channelId: string): void => {
  planOne(opened.db, season, setSubscription(opened.db, { guildId, channelId, roleId: null, leadsMs: [24 * H], recap: true }, now()), now());
};

beforeAll(async () => {
  standin = await startStandin({ log: silent, guilds: [{ id: HOME, name: 'Home', channels: [{ name: 'general' }] }] });
  opened = makeTestDb();
  subscribe(LEFT_WHILE_DOWN, LEFT_WHILE_DOWN_CHANNEL);
  subscribe(HOME, standin.channelByName(HOME, 'general')!.id);
  createLanguageStore(opened.db).setServer(LANGUAGE_ONLY, 'fr', '1000000000000000007', now());
  runtime = await startAnnouncementsRuntime(standin, 'privacy-guild-delete-token', { db: opened.db, clock, season: () => season, log: silent, lateWindowMs: 6 * H });
  ({ client, scheduler } = runtime);
});
afterAll(async () => {
  await runtime?.stop();
  await standin?.close();
  opened?.close();
});

describe('GUILD_DELETE through the stand-in', () => {
  test('GIVEN settings for a server missing from READY THEN it is marked as left at start (no GUILD_DELETE came while the bot was down)', () => {
    expect(departedAt(opened.db, LEFT_WHILE_DOWN)).toBe(START);
    expect(departedAt(opened.db, LANGUAGE_ONLY)).toBe(START);
    // The servers the stand-in has (the bot is in them) are not.
    expect([...client.guilds.cache.keys()]).toEqual([HOME]);
    expect(departedAt(opened.db, HOME)).toBeNull();
  });

  test('GIVEN an outage (unavailable: true) THEN nothing is marked; a removal marks; added back clears the mark and keeps the settings; 30 days after a removal the heartbeat purges', async () => {
    const guild = standin.addGuild({ name: 'Privacy FC', channels: [{ name: 'news' }] });
    await once(client, Events.GuildCreate);
    const channelId = standin.channelByName(guild.id, 'news')!.id;
    subscribe(guild.id, channelId);
    expect(rowsFor(opened.db, { guildId: guild.id }).length).toBeGreaterThan(0);

    // An outage: Discord sends GUILD_DELETE with unavailable: true. Not a departure.
    const unavailable = once(client, Events.GuildUnavailable);
    standin.removeGuild(guild.id, { unavailable: true });
    await unavailable;
    expect(departedAt(opened.db, guild.id)).toBeNull();
    expect(getSubscription(opened.db, guild.id, channelId)?.enabled).toBe(true);

    // The outage ends (GUILD_CREATE for a guild discord.js holds as unavailable).
    const available = once(client, Events.GuildAvailable);
    standin.addGuild({ id: guild.id, name: 'Privacy FC', channels: [{ name: 'news' }] });
    await available;
    expect(departedAt(opened.db, guild.id)).toBeNull();

    // Removed: GUILD_DELETE without unavailable.
    real += DAY;
    const removed = once(client, Events.GuildDelete);
    standin.removeGuild(guild.id);
    await removed;
    expect(departedAt(opened.db, guild.id)).toBe(START + DAY);
    // What the bot already did on a removal: the channel stops receiving posts at once; its settings stay.
    expect(getSubscription(opened.db, guild.id, channelId)).toMatchObject({ enabled: false, disabledReason: 'guild_gone' });

    // Added back ten days later: the mark goes, the settings stay.
    real += 10 * DAY;
    const rejoined = once(client, Events.GuildCreate);
    standin.addGuild({ id: guild.id, name: 'Privacy FC', channels: [{ name: 'news' }] });
    await rejoined;
    expect(departedAt(opened.db, guild.id)).toBeNull();
    expect(listSubscriptions(opened.db, guild.id)).toHaveLength(1);

    // Removed again, and 29 days pass: the dispatcher's heartbeat keeps it.
    const removedAgain = once(client, Events.GuildDelete);
    standin.removeGuild(guild.id);
    await removedAgain;
    const leftAt = now();
    expect(departedAt(opened.db, guild.id)).toBe(leftAt);
    real += 29 * DAY;
    await scheduler.tickNow();
    expect(listSubscriptions(opened.db, guild.id)).toHaveLength(1);

    // 30 days: the next heartbeat purges it.
    real += DAY;
    await scheduler.tickNow();
    expect(listSubscriptions(opened.db, guild.id)).toEqual([]);
    expect(rowsFor(opened.db, { guildId: guild.id })).toEqual([]);
    expect(departedAt(opened.db, guild.id)).toBeNull();
    // The server left while the bot was down was 30 days gone by the first of these beats: purged too.
    expect(listSubscriptions(opened.db, LEFT_WHILE_DOWN)).toEqual([]);
    expect(createLanguageStore(opened.db).choicesFor('1000000000000000007', LANGUAGE_ONLY).server).toBeNull();
    // The server the bot stayed in keeps everything.
    expect(listSubscriptions(opened.db, HOME)).toHaveLength(1);
  });
});
