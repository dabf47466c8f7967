// /announcements against a real in-memory database. The interaction, client and channel are small
// structural fakes (only what the command reads), not mocks of discord.js classes.
import { ChannelType, PermissionFlagsBits, PermissionsBitField, type ChatInputCommandInteraction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isUserError } from '../../../src/domain/errors.js';
import { getSubscription, setSubscription, disableSubscription } from '../../../src/db/guild-settings.js';
import { countByStatus, rowsFor } from '../../../src/db/outbox.js';
import type { OpenedDatabase } from '../../../src/db/client.js';
import type { AnnouncementsService } from '../../../src/discord/announcements/service.js';
import type { OutgoingPost, SendOutcome } from '../../../src/discord/announcements/sender.js';
import { announcements } from '../../../src/discord/commands/announcements.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import { groupTeams, match, season as makeSeason } from '../../domain/builders.js';
import { makeTestDb, silent } from '../../db/helpers.js';

const G1 = '100000000000000001';
const G2 = '100000000000000002';
const TEXT = '200000000000000001';
const FOREIGN = '200000000000000002';
const VOICE = '200000000000000003';
const NO_EMBED = '200000000000000004';
const ROLE = '300000000000000001';
const ALL = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

const season = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' })],
});
const NOW = new Date('2023-11-20T00:00:00Z');

const channel = (id: string, guildId: string, type: ChannelType, bits: bigint) => ({
  id,
  type,
  guildId,
  isDMBased: () => false,
  guild: { members: { me: { id: 'bot' }, fetchMe: async () => ({ id: 'bot' }) } },
  permissionsFor: () => new PermissionsBitField(bits),
});

const client = {
  channels: {
    cache: new Map([
      [TEXT, channel(TEXT, G1, ChannelType.GuildText, ALL)],
      [FOREIGN, channel(FOREIGN, G2, ChannelType.GuildText, ALL)],
      [VOICE, channel(VOICE, G1, ChannelType.GuildVoice, ALL)],
      [NO_EMBED, channel(NO_EMBED, G1, ChannelType.GuildText, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages)],
    ]),
    fetch: async () => null,
  },
};

interface Invocation {
  readonly subcommand: string;
  readonly inGuild?: boolean;
  readonly admin?: boolean;
  readonly channel?: string;
  readonly role?: { id: string; mentionable?: boolean };
  readonly leads?: string;
  readonly recap?: boolean;
  readonly clear?: string;
}

const replies: { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] }[] = [];

const invoke = (inv: Invocation): ChatInputCommandInteraction => {
  const inGuild = inv.inGuild ?? true;
  return {
    id: '1234567890123456789',
    guildId: inGuild ? G1 : null,
    inGuild: () => inGuild,
    memberPermissions: inGuild ? new PermissionsBitField(inv.admin === false ? PermissionFlagsBits.SendMessages : PermissionFlagsBits.ManageGuild) : null,
    deferred: true,
    replied: false,
    client,
    options: {
      getSubcommand: () => inv.subcommand,
      getChannel: (name: string) => (name === 'channel' && inv.channel ? { id: inv.channel } : null),
      getRole: () => (inv.role ? { id: inv.role.id, mentionable: inv.role.mentionable ?? true } : null),
      getString: (name: string) => (name === 'leads' ? (inv.leads ?? null) : name === 'clear' ? (inv.clear ?? null) : null),
      getBoolean: (name: string) => (name === 'recap' ? (inv.recap ?? null) : null),
    },
    editReply: async (payload: (typeof replies)[number]) => {
      replies.push(payload);
    },
    reply: async (payload: (typeof replies)[number]) => {
      replies.push(payload);
    },
  } as unknown as ChatInputCommandInteraction;
};

let opened: OpenedDatabase;
let sent: OutgoingPost[];
let sendOutcome: SendOutcome;
let ctx: CommandContext;

beforeEach(() => {
  opened = makeTestDb();
  sent = [];
  sendOutcome = { kind: 'sent', messageIds: ['777'] };
  replies.length = 0;
  const service: AnnouncementsService = {
    db: opened.db,
    lateWindowMs: 6 * 3_600_000,
    send: async (post) => {
      sent.push(post);
      return sendOutcome;
    },
  };
  ctx = {
    season: () => season,
    log: silent,
    now: () => NOW,
    startedAt: NOW,
    version: 'test',
    dataVersion: () => null,
    announcements: service,
  };
});
afterEach(() => opened.close());

const lastReply = (): string => replies.at(-1)?.content ?? '';
const run = (inv: Invocation) => announcements.execute(invoke(inv), ctx);

describe('registration', () => {
  test('GIVEN the command JSON THEN Manage Server by default and guild-only', () => {
    const json = announcements.data.toJSON();
    expect(json.default_member_permissions).toBe('32');
    expect(json.contexts).toEqual([0]);
    expect(json.options?.map((o) => o.name)).toEqual(['set', 'off', 'status', 'preview', 'test']);
  });
});

describe('rules', () => {
  test.each([
    { name: 'a DM', inv: { subcommand: 'set', inGuild: false, channel: TEXT }, reply: /in a server, not in DMs/ },
    { name: 'a member without Manage Server', inv: { subcommand: 'set', admin: false, channel: TEXT }, reply: /Only members with \*\*Manage Server\*\*/ },
    { name: 'a channel of another guild', inv: { subcommand: 'set', channel: FOREIGN }, reply: /not in this server/ },
    { name: 'a voice channel', inv: { subcommand: 'set', channel: VOICE }, reply: /text or announcement channel/ },
    { name: 'a channel without Embed Links', inv: { subcommand: 'set', channel: NO_EMBED }, reply: /missing \*\*Embed Links\*\*/ },
    { name: 'the @everyone role', inv: { subcommand: 'set', channel: TEXT, role: { id: G1 } }, reply: /never mention @everyone/ },
  ])('GIVEN $name THEN refused and nothing saved', async ({ inv, reply }) => {
    await run(inv);
    expect(lastReply()).toMatch(reply);
    expect(getSubscription(opened.db, G1, inv.channel ?? TEXT)).toBeNull();
    expect(getSubscription(opened.db, G2, FOREIGN)).toBeNull();
  });

  test('GIVEN unparseable leads THEN a UserError for the router to show', async () => {
    let caught: unknown;
    try {
      await run({ subcommand: 'set', channel: TEXT, leads: 'soon' });
    } catch (err) {
      caught = err;
    }
    expect(isUserError(caught)).toBe(true);
    expect(getSubscription(opened.db, G1, TEXT)).toBeNull();
  });
});

describe('set, status, off, preview, test', () => {
  test('GIVEN a valid channel THEN saved, planned at once, and the reply names the next post', async () => {
    await run({ subcommand: 'set', channel: TEXT, role: { id: ROLE }, leads: '24h,1h', recap: false });
    expect(getSubscription(opened.db, G1, TEXT)).toMatchObject({ enabled: true, roleId: ROLE, leadsMs: [86_400_000, 3_600_000], recap: false });
    expect(rowsFor(opened.db, { guildId: G1 }).map((r) => [r.kind, r.slot])).toEqual([
      ['preview', '24h'],
      ['preview', '1h'],
    ]);
    expect(lastReply()).toContain(`Announcements are on in <#${TEXT}>: previews 24h, 1h before each round · recap off · mentions <@&${ROLE}>`);
    expect(lastReply()).toContain(`Next: Group stage · Matchday 1 preview (24h before) <t:${Date.parse('2023-11-25T13:00:00Z') / 1000}:R>`);
  });

  test('GIVEN a channel set up and another disabled THEN status shows settings, next posts and the reason', async () => {
    await run({ subcommand: 'set', channel: TEXT });
    setSubscription(opened.db, { guildId: G1, channelId: NO_EMBED, roleId: null, leadsMs: [3_600_000], recap: true }, NOW.getTime());
    disableSubscription(opened.db, G1, NO_EMBED, 'channel_deleted', NOW.getTime());
    await run({ subcommand: 'status' });
    const [main, disabled] = replies.at(-1)?.embeds ?? [];
    const field = (name: string) => main?.fields?.find((f) => f.name === name)?.value ?? '';
    expect(field('Channels')).toContain(`<#${TEXT}>: previews 24h before each round · recap on · mentions no role`);
    expect(field('Next posts')).toContain('Group stage · Matchday 1 preview (24h before)');
    expect(field('Sent')).toBe('Nothing sent yet.');
    expect(disabled?.title).toBe('Disabled channels');
    expect(disabled?.description).toContain(`<#${NO_EMBED}>`);
    expect(disabled?.description).toContain('the channel was deleted');
  });

  test('GIVEN off THEN disabled and pending posts cancelled', async () => {
    await run({ subcommand: 'set', channel: TEXT });
    await run({ subcommand: 'off', channel: TEXT });
    expect(lastReply()).toContain(`Announcements turned off in <#${TEXT}>`);
    expect(getSubscription(opened.db, G1, TEXT)).toMatchObject({ enabled: false, disabledReason: 'turned_off' });
    expect(countByStatus(opened.db, G1)).toMatchObject({ pending: 0, cancelled: 2 });
  });

  test('GIVEN preview THEN the next post is rendered for the admin only', async () => {
    await run({ subcommand: 'set', channel: TEXT });
    await run({ subcommand: 'preview' });
    expect(lastReply()).toContain('Next post: Group stage · Matchday 1 preview (24h before)');
    expect(replies.at(-1)?.embeds?.[0]?.title).toBe('Group stage · Matchday 1 — preview');
    expect(sent).toEqual([]);
  });

  test.each([
    { outcome: { kind: 'sent', messageIds: ['1'] } as SendOutcome, reply: /the bot can announce there/ },
    { outcome: { kind: 'forbidden', missing: [], error: '403', code: '50013', messageIds: [] } as SendOutcome, reply: /refused the test message/ },
  ])('GIVEN test THEN one message through the sender and the outcome explained', async ({ outcome, reply }) => {
    sendOutcome = outcome;
    await run({ subcommand: 'set', channel: TEXT });
    await run({ subcommand: 'test' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channelId: TEXT, nonce: 't1234567890123456789', roleId: null, content: null });
    expect(lastReply()).toMatch(reply);
  });
});

describe('set on a channel already set up', () => {
  test.each([
    { name: 'only leads', change: { leads: '2h' }, expected: { roleId: ROLE, leadsMs: [7_200_000], recap: false } },
    { name: 'only recap', change: { recap: true }, expected: { roleId: ROLE, leadsMs: [86_400_000, 3_600_000], recap: true } },
    { name: 'only role', change: { role: { id: '300000000000000009' } }, expected: { roleId: '300000000000000009', leadsMs: [86_400_000, 3_600_000], recap: false } },
    { name: 'clear:role', change: { clear: 'role' }, expected: { roleId: null, leadsMs: [86_400_000, 3_600_000], recap: false } },
    { name: 'no option', change: {}, expected: { roleId: ROLE, leadsMs: [86_400_000, 3_600_000], recap: false } },
  ])('GIVEN $name THEN only that changes', async ({ change, expected }) => {
    await run({ subcommand: 'set', channel: TEXT, role: { id: ROLE }, leads: '24h,1h', recap: false });
    await run({ subcommand: 'set', channel: TEXT, ...change });
    expect(getSubscription(opened.db, G1, TEXT)).toMatchObject({ enabled: true, ...expected });
  });

  test('GIVEN a new channel with no options THEN the defaults', async () => {
    await run({ subcommand: 'set', channel: TEXT });
    expect(getSubscription(opened.db, G1, TEXT)).toMatchObject({ roleId: null, leadsMs: [86_400_000], recap: true });
  });

  test('GIVEN role and clear:role together THEN refused and nothing changed', async () => {
    await run({ subcommand: 'set', channel: TEXT, role: { id: ROLE } });
    await run({ subcommand: 'set', channel: TEXT, role: { id: '300000000000000009' }, clear: 'role' });
    expect(lastReply()).toMatch(/either `role` or `clear:role`/);
    expect(getSubscription(opened.db, G1, TEXT)).toMatchObject({ roleId: ROLE });
  });

  test('GIVEN a disabled channel set again with only leads THEN re-enabled with its role and recap kept', async () => {
    await run({ subcommand: 'set', channel: TEXT, role: { id: ROLE }, recap: false });
    await run({ subcommand: 'off', channel: TEXT });
    await run({ subcommand: 'set', channel: TEXT, leads: '1h' });
    expect(getSubscription(opened.db, G1, TEXT)).toMatchObject({ enabled: true, roleId: ROLE, leadsMs: [3_600_000], recap: false });
  });

  test('GIVEN the command JSON THEN set says it changes only the options given and offers clear:role', () => {
    const set = announcements.data.toJSON().options?.find((o) => o.name === 'set') as { description: string; options?: { name: string; choices?: { value: string }[] }[] };
    expect(set.description).toMatch(/changes only the options you give/);
    expect(set.options?.find((o) => o.name === 'clear')?.choices?.map((c) => c.value)).toEqual(['role']);
  });
});
