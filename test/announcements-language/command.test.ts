import { ChannelType, PermissionFlagsBits, PermissionsBitField, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OpenedDatabase } from '../../src/db/client.js';
import { getSubscription } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import type { AnnouncementsService } from '../../src/discord/announcements/service.js';
import type { OutgoingPost } from '../../src/discord/announcements/sender.js';
import { announcements } from '../../src/discord/commands/announcements.js';
import type { CommandContext } from '../../src/discord/commands/types.js';
import { createRouter } from '../../src/discord/router.js';
import { createI18n } from '../../src/i18n/index.js';
import { groupTeams, match, season as makeSeason } from '../domain/builders.js';
import { makeTestDb, silent } from '../db/helpers.js';
import { sqliteOperations } from '../../src/db/store/operations.js';

// /announcements through the real router: replies in the interaction's language, `language:` stored
// on the channel, previews and the test post in the channel's language.

const G = '100000000000000001';
const TEXT = '200000000000000001';
const OTHER = '200000000000000002';
const USER = '400000000000000001';
const ALL = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
const season = makeSeason({
  teams: groupTeams('A'),
  matches: [match({ id: 'GA-MD1-1', stage: 'group', group: 'A', matchday: 1, home: 'a', away: 'b', date: '2023-11-26', kickoff: '2023-11-26T13:00:00Z', status: 'scheduled' })],
});
const NOW = new Date('2023-11-20T00:00:00Z');

const channel = (id: string) => ({
  id,
  type: ChannelType.GuildText,
  guildId: G,
  isDMBased: () => false,
  guild: { members: { me: { id: 'bot' }, fetchMe: async () => ({ id: 'bot' }) } },
  permissionsFor: () => new PermissionsBitField(ALL),
});
const client = { channels: { cache: new Map([[TEXT, channel(TEXT)], [OTHER, channel(OTHER)]]), fetch: async () => null } };

type Reply = { content?: string; embeds?: { title?: string; description?: string }[] };

interface Call {
  readonly subcommand: string;
  readonly locale?: string;
  readonly channel?: string;
  readonly language?: string;
  readonly clear?: string;
  readonly admin?: boolean;
}

let opened: OpenedDatabase;
let sent: OutgoingPost[];
let replies: Reply[];
let ctx: CommandContext;

beforeEach(() => {
  opened = makeTestDb();
  sent = [];
  replies = [];
  const service: AnnouncementsService = {
    db: sqliteOperations(opened.db),
    lateWindowMs: 6 * 3_600_000,
    send: async (post) => {
      sent.push(post);
      return { kind: 'sent', messageIds: ['777'] };
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
    languages: createLanguageStore(opened.db),
    i18n: createI18n(),
  };
});
afterEach(() => opened.close());

const run = async (call: Call): Promise<Reply> => {
  const interaction = {
    id: '1234567890123456789',
    guildId: G,
    user: { id: USER },
    locale: call.locale ?? 'en-US',
    guildLocale: 'en-US',
    commandName: 'announcements',
    createdTimestamp: Date.now(),
    deferred: false,
    replied: false,
    inGuild: () => true,
    isAutocomplete: () => false,
    isChatInputCommand: () => true,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => true,
    memberPermissions: new PermissionsBitField(call.admin === false ? PermissionFlagsBits.SendMessages : PermissionFlagsBits.ManageGuild),
    client,
    options: {
      getSubcommand: () => call.subcommand,
      getChannel: (name: string) => (name === 'channel' && call.channel ? { id: call.channel } : null),
      getRole: () => null,
      getString: (name: string) => (name === 'language' ? (call.language ?? null) : name === 'clear' ? (call.clear ?? null) : null),
      getBoolean: () => null,
    },
    deferReply: async () => {
      interaction.deferred = true;
    },
    editReply: async (payload: Reply) => {
      replies.push(payload);
    },
    reply: async (payload: Reply) => {
      interaction.replied = true;
      replies.push(payload);
    },
    followUp: async (payload: Reply) => {
      replies.push(payload);
    },
  };
  await createRouter({ commands: [announcements], ctx, log: silent }).handle(interaction as unknown as Interaction);
  return replies.at(-1) ?? {};
};

describe('/announcements in the reply’s language, through the router', () => {
  test('GIVEN a French client THEN set, status, preview and test answer in French, naming the commands as its picker does', async () => {
    const set = await run({ subcommand: 'set', channel: TEXT, locale: 'fr' });
    expect(set.content).toMatch(/^Les annonces sont activées dans <#\d+> \(Test cup 2023–24\) : avant-matchs 24h avant chaque tour/);
    expect(set.content).toContain('Phase de groupes · Journée 1, avant-match (24h avant)');
    expect(set.content).toContain('/annonces état');
    const status = await run({ subcommand: 'status', locale: 'fr' });
    expect(status.embeds?.[0]?.title).toBe('Annonces des journées');
    expect(status.embeds?.[0]?.description).toContain('**Prochains messages**');
    // The channel has no language of its own and the server chose none: its posts are English.
    const preview = await run({ subcommand: 'preview', locale: 'fr' });
    expect(preview.content).toMatch(/^Prochain message : /);
    expect(preview.embeds?.[0]?.title).toBe('Group stage · Matchday 1 — preview');
    const test = await run({ subcommand: 'test', channel: TEXT, locale: 'pt-BR' });
    expect(test.content).toBe(`Mensagem de teste publicada em <#${TEXT}>: o bot pode anunciar aí.`);
    expect(sent.at(-1)?.messages[0]?.[0]?.title).toBe('Test: matchday announcements can post here');
  });

  test('GIVEN language:fr on one channel THEN it is stored, its preview and test post are French, and the other channel stays English', async () => {
    await run({ subcommand: 'set', channel: TEXT, language: 'fr' });
    await run({ subcommand: 'set', channel: OTHER });
    expect(getSubscription(opened.db, G, TEXT)?.language).toBe('fr');
    expect(getSubscription(opened.db, G, OTHER)?.language).toBeNull();
    expect((await run({ subcommand: 'status' })).embeds?.[0]?.description).toContain(' · posts in Français');
    await run({ subcommand: 'test', channel: TEXT });
    expect(sent.at(-1)?.messages[0]?.[0]?.title).toBe('Test : les annonces des journées peuvent être publiées ici');
    await run({ subcommand: 'test', channel: OTHER });
    expect(sent.at(-1)?.messages[0]?.[0]?.title).toBe('Test: matchday announcements can post here');
    // The server's /language choice is the default of a channel with none.
    createLanguageStore(opened.db).setServer(G, 'ar', USER, NOW.getTime());
    await run({ subcommand: 'test', channel: OTHER });
    expect(sent.at(-1)?.messages[0]?.[0]?.title).toBe('اختبار: يمكن نشر إعلانات الجولات هنا');
    // clear:language follows the server again.
    await run({ subcommand: 'set', channel: TEXT, clear: 'language' });
    expect(getSubscription(opened.db, G, TEXT)?.language).toBeNull();
    // The server chose Arabic above, so the reply is Arabic too (option names as the English picker shows them).
    expect((await run({ subcommand: 'set', channel: TEXT, language: 'pt', clear: 'language' })).content).toBe(
      'حدّد `language` أو `clear:language`، لا الاثنين معًا.',
    );
  });

  test('GIVEN a member without Manage Server whose server chose Arabic THEN the refusal is in Arabic', async () => {
    createLanguageStore(opened.db).setServer(G, 'ar', USER, NOW.getTime());
    const reply = await run({ subcommand: 'set', channel: TEXT, admin: false, locale: 'fr' });
    expect(reply.content).toBe('وحدهم الأعضاء الذين لديهم **إدارة الخادم** يستطيعون تغيير الإعلانات.');
    expect(reply.content).not.toContain('\u202e');
  });

  test('GIVEN a forged language value THEN it is refused, nothing stored', async () => {
    const reply = await run({ subcommand: 'set', channel: TEXT, language: 'de' });
    expect(reply.content).toMatch(/is not one of the choices/);
    expect(getSubscription(opened.db, G, TEXT)).toBeNull();
  });
});
