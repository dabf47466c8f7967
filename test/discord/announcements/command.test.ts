// /announcements against a real in-memory database. The interaction, client and channel are small
// structural fakes (only what the command reads), not mocks of discord.js classes.
import { ChannelType, PermissionFlagsBits, PermissionsBitField, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { inArray } from 'drizzle-orm';
import { isUserError } from '../../../src/domain/errors.js';
import { LIMITS } from '../../../src/discord/render/limits.js';
import { getSubscription, setSubscription, disableSubscription } from '../../../src/db/guild-settings.js';
import { announcementOutbox } from '../../../src/db/announcements-schema.js';
import { countByStatus, expireOverdue, rowsFor } from '../../../src/db/outbox.js';
import type { OpenedDatabase } from '../../../src/db/client.js';
import type { AnnouncementsService } from '../../../src/discord/announcements/service.js';
import type { OutgoingPost, SendOutcome } from '../../../src/discord/announcements/sender.js';
import { announcements } from '../../../src/discord/commands/announcements.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import { groupTeams, match, season as makeSeason } from '../../domain/builders.js';
import { makeTestDb, silent } from '../../db/helpers.js';
import { sqliteOperations } from '../../../src/db/store/operations.js';

const G1 = '100000000000000001';
const G2 = '100000000000000002';
const TEXT = '200000000000000001';
const FOREIGN = '200000000000000002';
const VOICE = '200000000000000003';
const NO_EMBED = '200000000000000004';
const SECOND = '200000000000000005';
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
      [SECOND, channel(SECOND, G1, ChannelType.GuildText, ALL)],
    ]),
    fetch: async () => null,
  },
};

interface Invocation {
  readonly subcommand: string;
  readonly inGuild?: boolean;
  readonly admin?: boolean;
  /** A forged guild interaction whose member carries no permissions field. */
  readonly noPermissions?: boolean;
  readonly guildId?: string;
  readonly channel?: string;
  readonly role?: { id: string; mentionable?: boolean };
  readonly leads?: string;
  readonly recap?: boolean;
  readonly clear?: string;
}

interface Button {
  readonly custom_id: string;
  readonly label: string;
  readonly disabled?: boolean;
}
const replies: {
  content?: string;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: Button[] }[];
}[] = [];

const invoke = (inv: Invocation): ChatInputCommandInteraction => {
  const inGuild = inv.inGuild ?? true;
  return {
    id: '1234567890123456789',
    guildId: inGuild ? (inv.guildId ?? G1) : null,
    inGuild: () => inGuild,
    memberPermissions:
      inGuild && !inv.noPermissions ? new PermissionsBitField(inv.admin === false ? PermissionFlagsBits.SendMessages : PermissionFlagsBits.ManageGuild) : null,
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
    db: sqliteOperations(opened.db),
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
    expect(json.options?.map((o) => o.name)).toEqual(['set', 'off', 'default', 'roles', 'status', 'preview', 'test']);
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

describe('Manage Server on every subcommand, and forged ids (D12)', () => {
  const SUBCOMMANDS = [
    { subcommand: 'set', channel: TEXT, leads: '1h' },
    { subcommand: 'off', channel: TEXT },
    { subcommand: 'off' },
    { subcommand: 'status' },
    { subcommand: 'preview' },
    { subcommand: 'test', channel: TEXT },
    { subcommand: 'test' },
  ];

  /** An admin sets TEXT up; what a refused call must leave exactly as it was. */
  const settled = async () => {
    await run({ subcommand: 'set', channel: TEXT });
    replies.length = 0;
    return { subscription: getSubscription(opened.db, G1, TEXT), outbox: rowsFor(opened.db, { guildId: G1 }) };
  };

  test.each(SUBCOMMANDS.flatMap((inv) => [
    { who: 'a member without Manage Server', inv: { ...inv, admin: false } },
    { who: 'a member whose permissions Discord did not send', inv: { ...inv, noPermissions: true } },
  ]))('GIVEN $who running $inv.subcommand $inv.channel THEN refused, nothing shown, changed or sent', async ({ inv }) => {
    const before = await settled();
    await run(inv);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.content).toMatch(/^Only members with \*\*Manage Server\*\* can change announcements\.$/);
    expect(replies[0]?.embeds ?? []).toEqual([]);
    expect(getSubscription(opened.db, G1, TEXT)).toEqual(before.subscription);
    expect(rowsFor(opened.db, { guildId: G1 })).toEqual(before.outbox);
    expect(sent).toEqual([]);
  });

  const FORGED = 'abc';
  beforeEach(() => {
    // A forged payload can resolve a channel under any id; discord.js caches what it is given.
    client.channels.cache.set(FORGED, channel(FORGED, G1, ChannelType.GuildText, ALL));
  });
  afterEach(() => {
    client.channels.cache.delete(FORGED);
  });

  const refusedWith = async (inv: Invocation): Promise<unknown> => {
    try {
      await run(inv);
      return replies.at(-1)?.content ?? null;
    } catch (err) {
      return err;
    }
  };

  test.each([
    { subcommand: 'set', channel: FORGED },
    { subcommand: 'off', channel: FORGED },
    { subcommand: 'test', channel: FORGED },
  ])('GIVEN channel id "abc" on $subcommand THEN a UserError before the database, nothing saved or sent', async (inv) => {
    const before = await settled();
    const outcome = await refusedWith(inv);
    expect(isUserError(outcome)).toBe(true);
    expect((outcome as Error).message).toMatch(/not a channel of this server/);
    expect(getSubscription(opened.db, G1, TEXT)).toEqual(before.subscription);
    expect(rowsFor(opened.db, { guildId: G1 })).toEqual(before.outbox);
    expect(sent).toEqual([]);
  });

  test('GIVEN set with no channel at all (forged) THEN a UserError asking for one', async () => {
    const outcome = await refusedWith({ subcommand: 'set' });
    expect(isUserError(outcome)).toBe(true);
    expect((outcome as Error).message).toMatch(/Pick a channel/);
  });

  test('GIVEN role id "abc" THEN a UserError, nothing saved', async () => {
    const outcome = await refusedWith({ subcommand: 'set', channel: TEXT, role: { id: FORGED } });
    expect(isUserError(outcome)).toBe(true);
    expect(getSubscription(opened.db, G1, TEXT)).toBeNull();
  });

  test('GIVEN guild id "abc" THEN refused before the database', async () => {
    const inForgedGuild = '200000000000000009';
    client.channels.cache.set(inForgedGuild, channel(inForgedGuild, FORGED, ChannelType.GuildText, ALL));
    try {
      const outcome = await refusedWith({ subcommand: 'set', channel: inForgedGuild, guildId: FORGED });
      expect(outcome).toMatch(/could not be identified/);
      expect(getSubscription(opened.db, FORGED, inForgedGuild)).toBeNull();
    } finally {
      client.channels.cache.delete(inForgedGuild);
    }
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
    expect(lastReply()).toContain(`Announcements are on in <#${TEXT}> (Test cup 2023–24): previews 24h, 1h before each round · recap off · mentions <@&${ROLE}>`);
    expect(lastReply()).toContain(`Next: Group stage · Matchday 1 preview (24h before) <t:${Date.parse('2023-11-25T13:00:00Z') / 1000}:R>`);
  });

  test('GIVEN a channel set up and another disabled THEN status shows settings, next posts and the reason', async () => {
    await run({ subcommand: 'set', channel: TEXT });
    setSubscription(opened.db, { guildId: G1, channelId: NO_EMBED, roleId: null, leadsMs: [3_600_000], recap: true }, NOW.getTime());
    disableSubscription(opened.db, G1, NO_EMBED, 'channel_deleted', NOW.getTime());
    await run({ subcommand: 'status' });
    const text = replies.at(-1)?.embeds?.[0]?.description ?? '';
    const after = (heading: string) => text.slice(text.indexOf(`**${heading}**`)).split('\n\n')[0] ?? '';
    expect(after('Channels')).toContain(`<#${TEXT}> (Test cup 2023–24): previews 24h before each round · recap on · mentions no role`);
    expect(after('Next posts')).toContain('Group stage · Matchday 1 preview (24h before)');
    expect(after('Sent')).toContain('Nothing sent yet.');
    expect(after('Disabled channels')).toContain(`<#${NO_EMBED}>`);
    expect(after('Disabled channels')).toContain('the channel was deleted');
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

  test('GIVEN the command JSON THEN set says it changes only the options given and offers clear:role, clear:team and clear:language', () => {
    const set = announcements.data.toJSON().options?.find((o) => o.name === 'set') as { description: string; options?: { name: string; choices?: { name: string; value: string }[] }[] };
    expect(set.description).toMatch(/changes only the options you give/);
    expect(set.options?.find((o) => o.name === 'clear')?.choices?.map((c) => c.value)).toEqual(['role', 'team', 'language']);
    // The posts' language, each choice in its own script.
    expect(set.options?.find((o) => o.name === 'language')?.choices?.map((c) => `${c.value}=${c.name}`)).toEqual(['en=English', 'fr=Français', 'ar=العربية', 'pt=Português']);
  });
});

describe('status pages', () => {
  const DAY = 86_400_000;
  // Six matchdays a week apart: with two channels and three leads, 48 posts to list.
  const sixMatchdays = makeSeason({
    teams: groupTeams('A'),
    matches: [1, 2, 3, 4, 5, 6].flatMap((md) => {
      const date = new Date(Date.parse('2023-11-26T13:00:00Z') + (md - 1) * 7 * DAY).toISOString();
      return [
        match({ id: `GA-MD${md}-1`, stage: 'group', group: 'A', matchday: md, home: 'a', away: 'b', date: date.slice(0, 10), kickoff: date, status: 'scheduled' }),
        match({ id: `GA-MD${md}-2`, stage: 'group', group: 'A', matchday: md, home: 'c', away: 'd', date: date.slice(0, 10), kickoff: date, status: 'scheduled' }),
      ];
    }),
  });

  const press = (customId: string, admin = true): ButtonInteraction =>
    ({
      customId,
      guildId: G1,
      inGuild: () => true,
      memberPermissions: new PermissionsBitField(admin ? PermissionFlagsBits.ManageGuild : PermissionFlagsBits.SendMessages),
      update: async (payload: (typeof replies)[number]) => {
        replies.push(payload);
      },
    }) as unknown as ButtonInteraction;

  /** Sends three of TEXT's posts (one late) and lets every other post expire. */
  const fillLedger = async (): Promise<void> => {
    ctx = { ...ctx, season: () => sixMatchdays };
    await run({ subcommand: 'set', channel: TEXT, leads: '48h,24h,1h' });
    await run({ subcommand: 'set', channel: SECOND, leads: '48h,24h,1h' });
    const toSend = rowsFor(opened.db, { guildId: G1, channelId: TEXT }).slice(0, 3);
    toSend.forEach((row, i) =>
      opened.db
        .update(announcementOutbox)
        .set({ status: 'sent', sentAt: new Date(row.dueAt), messageId: `90000000000000000${i}`, messageIds: [`90000000000000000${i}`], late: i === 2 })
        .where(inArray(announcementOutbox.id, [row.id]))
        .run(),
    );
    expireOverdue(opened.db, Date.parse('2024-06-01T00:00:00Z'));
  };

  const pageOf = (reply: (typeof replies)[number] | undefined) => {
    const buttons = reply?.components?.[0]?.components ?? [];
    return { text: reply?.embeds?.[0]?.description ?? '', buttons, label: buttons[1]?.label ?? '' };
  };

  test('GIVEN more lines than one embed holds THEN pages of whole lines, every line on one of them', async () => {
    await fillLedger();
    await run({ subcommand: 'status' });
    const pages = [pageOf(replies.at(-1))];
    const count = Number(/^page 1\/(\d+)$/.exec(pages[0]!.label)?.[1]);
    expect(count).toBeGreaterThan(1);
    expect(pages[0]!.buttons[0]).toMatchObject({ label: '◀', disabled: true });
    for (let p = 2; p <= count; p++) {
      const next = pages.at(-1)!.buttons[2]!;
      expect(next.disabled).toBe(false);
      await announcements.button!(press(next.custom_id), ctx);
      pages.push(pageOf(replies.at(-1)));
      expect(pages.at(-1)!.label).toBe(`page ${p}/${count}`);
    }
    expect(pages.at(-1)!.buttons[2]).toMatchObject({ label: '▶', disabled: true });
    for (const page of pages) {
      expect(page.text.length).toBeLessThanOrEqual(LIMITS.description);
      expect(page.text).not.toContain('…');
    }
    const lines = pages.flatMap((p) => p.text.split('\n'));
    const expired = lines.filter((l) => l.startsWith('Expired: '));
    expect(expired).toHaveLength(25);
    for (const line of expired) expect(line).toMatch(/ · not sent before it expired \(bot offline or Discord failing\)$/);
    expect(lines).toContain('**Failed or expired** (the 25 most recent)');
  });

  test('GIVEN posts sent THEN each Sent row names its channel and links the message', async () => {
    await fillLedger();
    await run({ subcommand: 'status' });
    const text = pageOf(replies.at(-1)).text;
    const sentRows = text.slice(text.indexOf('**Sent**')).split('\n\n')[0]!.split('\n').slice(1);
    expect(sentRows).toHaveLength(3);
    for (const row of sentRows) expect(row).toMatch(new RegExp(`^<t:\\d+:f> · <#${TEXT}> · Group stage · Matchday 1 .* — https://discord.com/channels/${G1}/${TEXT}/9\\d+$`));
    expect(sentRows.filter((r) => r.includes(' · **late**'))).toHaveLength(1);
  });

  test('GIVEN a page button pressed by a member without Manage Server THEN refused with a UserError', async () => {
    await fillLedger();
    let caught: unknown;
    try {
      await announcements.button!(press('announcements:status:2', false), ctx);
    } catch (err) {
      caught = err;
    }
    expect(isUserError(caught)).toBe(true);
  });

  test('GIVEN a page past the end (the ledger shrank) THEN the last page', async () => {
    await fillLedger();
    await announcements.button!(press('announcements:status:99'), ctx);
    const { label } = pageOf(replies.at(-1));
    expect(label).toMatch(/^page (\d+)\/\1$/);
  });
});
