import { ChannelType, PermissionFlagsBits, PermissionsBitField, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { getSubscription } from '../../src/db/guild-settings.js';
import { clubRolesOf } from '../../src/db/club-roles.js';
import { rowsFor } from '../../src/db/outbox.js';
import type { OpenedDatabase } from '../../src/db/client.js';
import type { AnnouncementsService } from '../../src/discord/announcements/service.js';
import { commands } from '../../src/discord/commands/index.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import { createRouter } from '../../src/discord/router.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { readSeasonFile } from '../../src/season/read.js';
import { makeTestDb, silent } from '../db/helpers.js';
import { sqliteOperations } from '../../src/db/store/operations.js';

// /announcements set … team:<club> through the real router (the error boundary) and command list,
// against a real database; the interaction is a structural fake of what the command reads.

const { season } = readSeasonFile();
const G = '100000000000000001';
const TEXT = '200000000000000001';
const ALL = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
const NOW = new Date('2024-02-01T00:00:00Z');

const channel = {
  id: TEXT,
  type: ChannelType.GuildText,
  guildId: G,
  isDMBased: () => false,
  guild: { members: { me: { id: 'bot' }, fetchMe: async () => ({ id: 'bot' }) } },
  permissionsFor: () => new PermissionsBitField(ALL),
};
const client = { channels: { cache: new Map([[TEXT, channel]]), fetch: async () => null } };

let opened: OpenedDatabase;
let ctx: CommandContext;
beforeEach(() => {
  opened = makeTestDb();
  const service: AnnouncementsService = { db: sqliteOperations(opened.db), lateWindowMs: 6 * 3_600_000, send: async () => ({ kind: 'sent', messageIds: ['1'] }) };
  ctx = { season: () => season, log: silent, now: () => NOW, startedAt: NOW, version: 'test', dataVersion: () => null, announcements: service, i18n: createI18n() };
});
afterEach(() => opened.close());

const set = async (
  strings: Record<string, string>,
  subcommand = 'set',
  role: { id: string; mentionable?: boolean } | null = null,
  locale = 'en-US',
): Promise<string> => {
  const state = { deferred: false, replied: false };
  const said: string[] = [];
  const interaction = {
    id: '1234567890123456789',
    commandName: 'announcements',
    createdTimestamp: Date.now(),
    user: { id: '1000000000000000001' },
    guildId: G,
    locale,
    guildLocale: 'en-US',
    client,
    inGuild: () => true,
    inCachedGuild: () => false,
    memberPermissions: new PermissionsBitField(PermissionFlagsBits.ManageGuild),
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => true,
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    options: {
      getSubcommand: () => subcommand,
      getSubcommandGroup: () => null,
      getChannel: (name: string) => (name === 'channel' ? { id: TEXT } : null),
      getRole: () => role,
      getString: (name: string) => strings[name] ?? null,
      getBoolean: () => null,
    },
    deferReply: vi.fn(async () => {
      state.deferred = true;
    }),
    editReply: vi.fn(async (payload: { content?: string }) => {
      said.push(payload.content ?? '');
    }),
    reply: vi.fn(async (payload: { content?: string }) => {
      state.replied = true;
      said.push(payload.content ?? '');
    }),
    followUp: vi.fn(async (payload: { content?: string }) => {
      said.push(payload.content ?? '');
    }),
  };
  await createRouter({ commands, ctx, log: silent }).handle(interaction as unknown as Interaction);
  return said.join('\n');
};

const plannedRounds = (): string[] => [...new Set(rowsFor(opened.db, { guildId: G, statuses: ['pending'] }).map((r) => r.roundKey))];

describe('/announcements set team:', () => {
  test('GIVEN team:zamalek THEN the channel follows Zamalek and only its rounds are planned, keyed with the club', async () => {
    const reply = await set({ team: 'zamalek' });
    expect(reply).toContain("only **Zamalek**'s matches");
    expect(getSubscription(opened.db, G, TEXT)?.teamId).toBe('zamalek');
    expect(plannedRounds()).toEqual(['GS-MD5', 'GS-MD6', 'QF-L1', 'QF-L2', 'SF-L1', 'SF-L2', 'F-L1', 'F-L2']);
    expect(rowsFor(opened.db, { guildId: G }).every((r) => r.club === 'zamalek')).toBe(true);
  });

  test('GIVEN a club typed by name THEN it is resolved like /team', async () => {
    await set({ team: 'Berkane' });
    expect(getSubscription(opened.db, G, TEXT)?.teamId).toBe('rs-berkane');
  });

  test('GIVEN clear:team after team THEN every round again, and the club rows still pending are cancelled', async () => {
    await set({ team: 'zamalek' });
    await set({ clear: 'team' });
    expect(getSubscription(opened.db, G, TEXT)?.teamId).toBeNull();
    const rows = rowsFor(opened.db, { guildId: G });
    expect(rows.filter((r) => r.club === 'zamalek').every((r) => r.status === 'cancelled')).toBe(true);
    expect(plannedRounds()).toContain('GS-MD5');
    expect(rows.filter((r) => r.status === 'pending').every((r) => r.club === null)).toBe(true);
    expect(rows.filter((r) => r.status === 'pending' && r.roundKey === 'GS-MD5').length).toBe(2);
  });

  test.each([
    [{ team: 'qqqqzzzz' }, /qqqqzzzz/],
    [{ team: 'zamalek', clear: 'team' }, /either `team` or `clear:team`/],
    [{ clear: '__proto__' }, /not one of the choices/],
  ])('GIVEN %j THEN refused with a clear message and nothing saved', async (options, message) => {
    const reply = await set(options);
    expect(reply).toMatch(message);
    expect(getSubscription(opened.db, G, TEXT)).toBeNull();
  });

  test('the team option autocompletes like /team', async () => {
    const respond = vi.fn(async (_choices: readonly { name: string; value: string }[]) => undefined);
    const interaction = { options: { getFocused: () => ({ name: 'team', value: 'zam' }) }, respond };
    await commands.find((c) => c.data.name === 'announcements')?.autocomplete?.(interaction as never, ctx);
    expect(respond.mock.calls[0]?.[0]).toContainEqual(expect.objectContaining({ value: 'zamalek' }));
  });
});

describe('/announcements roles club role', () => {
  const FANS = '300000000000000001';
  const roles = (options: Record<string, string>, role: { id: string; mentionable?: boolean } | null, locale?: string) => set(options, 'roles', role, locale);

  test('GIVEN a mentionable role THEN saved for the club, and a second one replaces it', async () => {
    expect(await roles({ team: 'zamalek' }, { id: FANS, mentionable: true })).toMatch(/Zamalek.*<@&300000000000000001>/);
    expect(clubRolesOf(opened.db, G)).toEqual(new Map([['zamalek', FANS]]));
    await roles({ team: 'zamalek' }, { id: '300000000000000002', mentionable: true });
    expect(clubRolesOf(opened.db, G)).toEqual(new Map([['zamalek', '300000000000000002']]));
  });

  test.each([
    ['@everyone', { id: G, mentionable: true }, /never mention @everyone/],
    ['a role that cannot be mentioned', { id: FANS, mentionable: false }, /cannot be mentioned.*Allow anyone to @mention this role/],
    ['a role id that is not a Discord id', { id: 'abc', mentionable: true }, /not a role of this server/],
  ])('GIVEN %s THEN refused, saying why, and nothing saved', async (_case, role, message) => {
    expect(await roles({ team: 'zamalek' }, role)).toMatch(message);
    expect(clubRolesOf(opened.db, G).size).toBe(0);
  });

  test('GIVEN an unknown club THEN refused', async () => {
    expect(await roles({ team: 'qqqqzzzz' }, { id: FANS, mentionable: true })).toMatch(/qqqqzzzz/);
    expect(clubRolesOf(opened.db, G).size).toBe(0);
  });

  test.each([
    ['fr', /^Dans les salons qui suivent un club, les annonces des matchs de \*\*Zamalek\*\* mentionnent désormais <@&300000000000000001>/, /Autoriser tout le monde à @mentionner ce rôle/, /n'avait pas de rôle/],
    ['pt-BR', /^Nos canais que seguem um clube, as publicações sobre os jogos de \*\*Zamalek\*\* passam a mencionar <@&300000000000000001>/, /Permitir que qualquer um @mencione este cargo/, /não tinha cargo/],
  ])('GIVEN a member whose client is in %s THEN every roles reply is in that language', async (locale, saved, notMentionable, none) => {
    expect(await roles({ team: 'zamalek' }, { id: FANS, mentionable: true }, locale)).toMatch(saved);
    expect(await roles({ team: 'zamalek' }, { id: FANS, mentionable: false }, locale)).toMatch(notMentionable);
    await roles({ team: 'zamalek' }, null, locale);
    expect(await roles({ team: 'zamalek' }, null, locale)).toMatch(none);
  });

  test('GIVEN a member who chose Arabic THEN the roles reply is Arabic, with the club’s Arabic name and no U+202E', async () => {
    const languages = createLanguageStore(opened.db);
    ctx = { ...ctx, languages };
    languages.setUser('1000000000000000001', 'ar', NOW.getTime());
    const reply = await roles({ team: 'zamalek' }, { id: FANS, mentionable: true });
    expect(reply).toContain('الزمالك');
    expect(reply).toContain('<@&300000000000000001>');
    expect(reply).not.toMatch(/Posts about|\u202e/);
  });

  test('GIVEN no role THEN the club’s role is removed', async () => {
    await roles({ team: 'zamalek' }, { id: FANS, mentionable: true });
    expect(await roles({ team: 'zamalek' }, null)).toMatch(/no longer mention/);
    expect(clubRolesOf(opened.db, G).size).toBe(0);
    expect(await roles({ team: 'zamalek' }, null)).toMatch(/had no role/);
  });
});
