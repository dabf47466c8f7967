// /announcements with several seasons, through the real router and a real database: `set` per
// (channel, season), `default`, `off` for one season, `status` naming each subscription's season,
// and the competition autocomplete. The interaction is a small structural fake.
import { ChannelType, PermissionFlagsBits, PermissionsBitField, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CatalogEntry, SeasonCatalog } from '../../../src/domain/catalog.js';
import type { Match, Season } from '../../../src/domain/types.js';
import type { OpenedDatabase } from '../../../src/db/client.js';
import { channelSubscriptions, guildSeason } from '../../../src/db/guild-settings.js';
import { rowsFor } from '../../../src/db/outbox.js';
import type { AnnouncementsService } from '../../../src/discord/announcements/service.js';
import { announcements } from '../../../src/discord/commands/announcements.js';
import type { CommandContext } from '../../../src/discord/commands/types.js';
import { createRouter } from '../../../src/discord/router.js';
import { createI18n } from '../../../src/i18n/index.js';
import { groupTeams, match, season as makeSeason, team } from '../../domain/builders.js';
import { makeTestDb, silent } from '../../db/helpers.js';
import { sqliteOperations } from '../../../src/db/store/operations.js';

const G = '100000000000000001';
const CC = '200000000000000001';
const CL = '200000000000000002';
const USER = '400000000000000001';
const CC_ID = 'caf-cc-2023-24';
const CL_ID = 'caf-cl-2023-24';
const ALL = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
const NOW = new Date('2023-11-20T00:00:00Z');

const md1 = (id: string, home: string, away: string, kickoff: string): Match =>
  match({ id, stage: 'group', group: 'A', matchday: 1, home, away, date: kickoff.slice(0, 10), kickoff, status: 'scheduled' });
// Both seasons have a group matchday 1 (the same round key); their clubs differ.
const cc = makeSeason({ id: CC_ID, competition: 'CAF Confederation Cup', teams: groupTeams('A'), matches: [md1('CC-1', 'a', 'b', '2023-11-26T13:00:00Z')] });
const cl = makeSeason({
  id: CL_ID,
  competition: 'CAF Champions League',
  teams: [team('al-ahly', { name: 'Al Ahly', group: 'A' }), team('simba', { name: 'Simba', group: 'A' })],
  matches: [md1('CL-1', 'al-ahly', 'simba', '2023-11-24T19:00:00Z')],
});
// Newest first, as the data layer lists them.
const entries: CatalogEntry[] = [
  { id: CL_ID, competition: 'CAF Champions League', label: '2023-24', updatedAt: null },
  { id: CC_ID, competition: 'CAF Confederation Cup', label: '2023-24', updatedAt: null },
];
const catalog: SeasonCatalog = { list: () => entries, get: (id) => [cc, cl].find((s: Season) => s.id === id) };

const channel = (id: string) => ({
  id,
  type: ChannelType.GuildText,
  guildId: G,
  isDMBased: () => false,
  guild: { members: { me: { id: 'bot' }, fetchMe: async () => ({ id: 'bot' }) } },
  permissionsFor: () => new PermissionsBitField(ALL),
});
const client = { channels: { cache: new Map([[CC, channel(CC)], [CL, channel(CL)]]), fetch: async () => null } };

type Reply = { content?: string; embeds?: { description?: string }[]; choices?: { name: string; value: string }[] };
interface Call {
  readonly subcommand: string;
  readonly channel?: string;
  readonly competition?: string;
  readonly team?: string;
  readonly clear?: boolean;
  readonly locale?: string;
  /** Autocomplete of this option, with what was typed. */
  readonly focused?: { name: string; value: string };
}

let opened: OpenedDatabase;
let ctx: CommandContext;

beforeEach(() => {
  opened = makeTestDb();
  const service: AnnouncementsService = { db: sqliteOperations(opened.db), lateWindowMs: 6 * 3_600_000, send: async () => ({ kind: 'sent', messageIds: ['777'] }) };
  ctx = {
    season: () => cc,
    catalog,
    // As app.ts wires it: the server's choice, from the announcements database.
    guildSeason: (guildId) => guildSeason(opened.db, guildId),
    log: silent,
    now: () => NOW,
    startedAt: NOW,
    version: 'test',
    dataVersion: () => null,
    announcements: service,
    i18n: createI18n(),
  };
});
afterEach(() => opened.close());

const run = async (call: Call): Promise<Reply> => {
  const replies: Reply[] = [];
  const strings = new Map<string, string>(
    [
      ['competition', call.competition],
      ['team', call.team],
    ].filter((e): e is [string, string] => e[1] !== undefined),
  );
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
    responded: false,
    inGuild: () => true,
    isAutocomplete: () => call.focused !== undefined,
    isChatInputCommand: () => call.focused === undefined,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => call.focused === undefined,
    memberPermissions: new PermissionsBitField(PermissionFlagsBits.ManageGuild),
    client,
    options: {
      getSubcommand: () => call.subcommand,
      getChannel: (name: string) => (name === 'channel' && call.channel ? { id: call.channel } : null),
      getRole: () => null,
      getString: (name: string) => strings.get(name) ?? null,
      getBoolean: (name: string) => (name === 'clear' && call.clear !== undefined ? call.clear : null),
      getInteger: () => null,
      getFocused: () => call.focused,
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
    respond: async (choices: { name: string; value: string }[]) => {
      interaction.responded = true;
      replies.push({ choices });
    },
  };
  await createRouter({ commands: [announcements], ctx, log: silent }).handle(interaction as unknown as Interaction);
  return replies.at(-1) ?? {};
};

const seasonsOf = (channelId: string) => channelSubscriptions(opened.db, G, channelId).map((s) => [s.seasonId, s.enabled]);

describe('/announcements with several seasons', () => {
  test('GIVEN set with competition on two channels THEN each follows its season and the reply names it', async () => {
    const onCl = await run({ subcommand: 'set', channel: CL, competition: CL_ID });
    expect(onCl.content).toContain(`Announcements are on in <#${CL}> (CAF Champions League 2023–24)`);
    const onCc = await run({ subcommand: 'set', channel: CC, competition: CC_ID });
    expect(onCc.content).toContain(`<#${CC}> (CAF Confederation Cup 2023–24)`);
    expect(seasonsOf(CL)).toEqual([[CL_ID, true]]);
    expect(seasonsOf(CC)).toEqual([[CC_ID, true]]);
    // Each channel's preview is timed by its own season's first kickoff; with no result saved yet,
    // each recap waits RECAP_WAIT_HOURS (6 h) past its round's end.
    expect(rowsFor(opened.db, { guildId: G }).map((r) => [r.channelId, r.season, r.kind, new Date(r.dueAt).toISOString()])).toEqual([
      [CL, CL_ID, 'preview', '2023-11-23T19:00:00.000Z'],
      [CL, CL_ID, 'recap', '2023-11-25T03:30:00.000Z'],
      [CC, CC_ID, 'preview', '2023-11-25T13:00:00.000Z'],
      [CC, CC_ID, 'recap', '2023-11-26T21:30:00.000Z'],
    ]);
  });

  test('GIVEN set without competition THEN the server’s default season, else the catalog’s rule', async () => {
    // No default, no season in progress on 20 Nov 2023 (nothing played yet): the newest, the Champions League.
    await run({ subcommand: 'set', channel: CL });
    expect(seasonsOf(CL)).toEqual([[CL_ID, true]]);
    const chosen = await run({ subcommand: 'default', competition: CC_ID });
    expect(chosen.content).toContain("**CAF Confederation Cup 2023–24** is now this server's season");
    expect(guildSeason(opened.db, G)).toBe(CC_ID);
    await run({ subcommand: 'set', channel: CC });
    expect(seasonsOf(CC)).toEqual([[CC_ID, true]]);
  });

  test('GIVEN a team of the chosen season THEN accepted; a club of another season THEN refused', async () => {
    const ok = await run({ subcommand: 'set', channel: CL, competition: CL_ID, team: 'al-ahly' });
    expect(ok.content).toContain("only **Al Ahly**'s matches");
    const refused = await run({ subcommand: 'set', channel: CC, competition: CC_ID, team: 'al-ahly' });
    expect(refused.content).toContain('No team matches');
    expect(seasonsOf(CC)).toEqual([]);
  });

  test('GIVEN one channel following both seasons THEN off competition: stops one and keeps the other', async () => {
    await run({ subcommand: 'set', channel: CC, competition: CC_ID });
    await run({ subcommand: 'set', channel: CC, competition: CL_ID });
    expect(seasonsOf(CC)).toEqual([
      [CC_ID, true],
      [CL_ID, true],
    ]);
    const off = await run({ subcommand: 'off', channel: CC, competition: CL_ID });
    expect(off.content).toContain(`Announcements turned off in <#${CC}> (CAF Champions League 2023–24)`);
    expect(seasonsOf(CC)).toEqual([
      [CC_ID, true],
      [CL_ID, false],
    ]);
    expect(rowsFor(opened.db, { guildId: G, channelId: CC, statuses: ['pending'] }).map((r) => r.season)).toEqual([CC_ID, CC_ID]);
    const again = await run({ subcommand: 'off', channel: CC, competition: CL_ID });
    expect(again.content).toContain('not on in');
  });

  test('GIVEN two seasons followed THEN status lists each subscription and each next post with its season', async () => {
    await run({ subcommand: 'set', channel: CC, competition: CC_ID });
    await run({ subcommand: 'set', channel: CL, competition: CL_ID });
    const status = (await run({ subcommand: 'status' })).embeds?.[0]?.description ?? '';
    expect(status).toContain(`<#${CC}> (CAF Confederation Cup 2023–24): previews 24h before each round`);
    expect(status).toContain(`<#${CL}> (CAF Champions League 2023–24): previews 24h before each round`);
    expect(status).toContain(`<#${CL}> (CAF Champions League 2023–24) · Group stage · Matchday 1 preview (24h before)`);
  });

  test('GIVEN default without competition THEN it says what the server gets; clear forgets the choice', async () => {
    expect((await run({ subcommand: 'default' })).content).toContain('has not chosen a season: commands show **CAF Champions League 2023–24**');
    await run({ subcommand: 'default', competition: CC_ID });
    expect((await run({ subcommand: 'default' })).content).toContain("This server's season is **CAF Confederation Cup 2023–24**");
    expect((await run({ subcommand: 'default', clear: true })).content).toContain("The server's choice is forgotten");
    expect(guildSeason(opened.db, G)).toBeNull();
    expect((await run({ subcommand: 'default', competition: CC_ID, clear: true })).content).toContain('not both');
  });

  test('GIVEN an unknown competition THEN refused with the seasons to pick from, nothing stored', async () => {
    const refused = await run({ subcommand: 'default', competition: 'premier league' });
    expect(refused.content).toContain('No competition or season matches');
    expect(guildSeason(opened.db, G)).toBeNull();
    const set = await run({ subcommand: 'set', channel: CC, competition: '__proto__' });
    expect(set.content).toContain('No competition or season matches');
    expect(seasonsOf(CC)).toEqual([]);
  });

  test('GIVEN roles without competition THEN a club of any season is found; with competition only in that season', async () => {
    // The catalog's rule picks the Champions League; Alpha plays in the Confederation Cup.
    expect((await run({ subcommand: 'roles', team: 'alpha' })).content).toContain('**Alpha** had no role');
    expect((await run({ subcommand: 'roles', team: 'al-ahly' })).content).toContain('**Al Ahly** had no role');
    expect((await run({ subcommand: 'roles', team: 'alpha', competition: CL_ID })).content).toContain('No team matches');
  });

  test('GIVEN one channel following two seasons THEN test without a channel posts there', async () => {
    await run({ subcommand: 'set', channel: CC, competition: CC_ID });
    await run({ subcommand: 'set', channel: CC, competition: CL_ID });
    expect((await run({ subcommand: 'test' })).content).toContain(`Test message posted in <#${CC}>`);
  });

  test('GIVEN a French client THEN default answers in French', async () => {
    const reply = await run({ subcommand: 'default', competition: CL_ID, locale: 'fr' });
    expect(reply.content).toContain('**CAF Champions League 2023–24** est désormais la saison de ce serveur');
  });

  test('GIVEN the competition option being typed THEN autocomplete lists the seasons newest first, filtered', async () => {
    expect((await run({ subcommand: 'set', focused: { name: 'competition', value: '' } })).choices).toEqual([
      { name: 'CAF Champions League 2023–24', value: CL_ID },
      { name: 'CAF Confederation Cup 2023–24', value: CC_ID },
    ]);
    expect((await run({ subcommand: 'default', focused: { name: 'competition', value: 'confed' } })).choices).toEqual([
      { name: 'CAF Confederation Cup 2023–24', value: CC_ID },
    ]);
    // The team option lists the clubs of the competition chosen so far.
    const teams = (await run({ subcommand: 'set', competition: CL_ID, focused: { name: 'team', value: '' } })).choices ?? [];
    expect(teams.map((c) => c.value).sort()).toEqual(['al-ahly', 'simba']);
  });
});
