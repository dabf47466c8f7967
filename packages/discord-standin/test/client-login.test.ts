import { once } from 'node:events';
import { ChannelType, Events, GatewayIntentBits, PermissionFlagsBits, type Client, type Guild, type GuildChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../src/server.js';
import type { GuildRecord } from '../src/types.js';
import { TOKEN, connectClient, startQuietStandin } from './harness.js';

const EVENT_WAIT_MS = 2_000;

/** The arguments of the client's next `event`; rejects if it has not come within EVENT_WAIT_MS. */
const nextEvent = async <Args extends unknown[]>(client: Client, event: string): Promise<Args> =>
  (await once(client, event, { signal: AbortSignal.timeout(EVENT_WAIT_MS) })) as Args;

describe('a real discord.js client logged in to the stand-in', () => {
  let standin: Standin;
  let client: Client<true>;
  let guild: GuildRecord;

  beforeAll(async () => {
    standin = await startQuietStandin();
    guild = standin.addGuild({
      name: 'CAF Fans',
      channels: [
        { name: 'general', type: 0 },
        { name: 'news', type: 5 },
        { name: 'Voice', type: 2 },
      ],
    });
    client = await connectClient(standin);
  });

  afterAll(async () => {
    await client?.destroy();
    await standin?.close();
  });

  it('becomes ready with the guild, its channels, roles and the bot member cached', () => {
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('CAF Fans');
    expect(cached?.channels.cache.map((c) => [c.name, c.type])).toEqual([
      ['general', ChannelType.GuildText],
      ['news', ChannelType.GuildAnnouncement],
      ['Voice', ChannelType.GuildVoice],
    ]);
    expect(cached?.roles.everyone.id).toBe(guild.id);
    expect(client.user.id).toBe(standin.bot.id);
    expect(client.application.id).toBe(standin.application.id);
    const me = cached?.members.me;
    const general = cached?.channels.cache.find((c) => c.name === 'general');
    expect(me && general && me.permissionsIn(general).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(me?.permissions.has(PermissionFlagsBits.Administrator)).toBe(false);
  });

  it('records the identify (Guilds intent only), the gateway query and the token', () => {
    const [session] = standin.sessions;
    expect(session?.intents).toBe(GatewayIntentBits.Guilds);
    expect(session?.query).toMatchObject({ v: '10', encoding: 'json' });
    expect(standin.tokens.has(TOKEN)).toBe(true);
    const gatewayCall = standin.requestsTo('GET', '/gateway/bot')[0];
    expect(gatewayCall?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(gatewayCall?.apiVersion).toBe('10');
  });

  it('stores global commands from commands.set and returns them with ids and versions', async () => {
    const set = await client.application.commands.set([
      { name: 'standings', description: 'Group standings', options: [{ type: 3, name: 'group', description: 'Group letter', required: true }] },
      { name: 'fixtures', description: 'Upcoming fixtures' },
    ]);
    expect(set.size).toBe(2);
    expect(standin.commands().map((c) => c.name)).toEqual(['standings', 'fixtures']);
    const fetched = await client.application.commands.fetch();
    expect([...fetched.keys()].sort()).toEqual(standin.commands().map((c) => c.id).sort());
    expect(fetched.find((c) => c.name === 'standings')?.options[0]?.name).toBe('group');

    // Bulk overwrite keeps the id of a command with the same name.
    const standingsId = standin.commands().find((c) => c.name === 'standings')?.id;
    await client.application.commands.set([{ name: 'standings', description: 'Standings (edited)' }]);
    expect(standin.commands()).toHaveLength(1);
    expect(standin.commands()[0]?.id).toBe(standingsId);
  });

  it('stores guild commands separately from global ones', async () => {
    await client.application.commands.set([{ name: 'subscribe', description: 'Subscribe a channel', defaultMemberPermissions: '32' }], guild.id);
    expect(standin.commands(guild.id).map((c) => [c.name, c.default_member_permissions, c.guild_id])).toEqual([
      ['subscribe', '32', guild.id],
    ]);
    expect(standin.commands().some((c) => c.name === 'subscribe')).toBe(false);
  });

  // Each step waits for the discord.js event itself and checks what it carried; a missing or
  // malformed dispatch fails the case (after EVENT_WAIT_MS) rather than passing silently.
  it('delivers GUILD_CREATE for a new guild and GUILD_DELETE (outage vs removal)', async () => {
    const created = nextEvent<[Guild]>(client, Events.GuildCreate);
    const joined = standin.addGuild({ name: 'Second', channels: [{ name: 'lobby' }] });
    const [second] = await created;
    expect([second.id, second.name, second.available]).toEqual([joined.id, 'Second', true]);
    expect(second.channels.cache.map((c) => c.name)).toEqual(['lobby']);

    const outage = nextEvent<[Guild]>(client, Events.GuildUnavailable);
    standin.removeGuild(joined.id, { unavailable: true });
    const [unavailable] = await outage;
    expect(unavailable.id).toBe(joined.id);
    expect(client.guilds.cache.get(joined.id)?.available).toBe(false);

    const third = standin.addGuild({ name: 'Third' });
    const [added] = await nextEvent<[Guild]>(client, Events.GuildCreate);
    expect(added.id).toBe(third.id);
    const removal = nextEvent<[Guild]>(client, Events.GuildDelete);
    standin.removeGuild(third.id);
    const [removed] = await removal;
    expect(removed.id).toBe(third.id);
    expect(client.guilds.cache.has(third.id)).toBe(false);
    // An outage keeps the guild cached (unavailable); only a removal drops it.
    expect(client.guilds.cache.has(joined.id)).toBe(true);
  });

  it('delivers CHANNEL_CREATE and permission changes to the client cache', async () => {
    const creation = nextEvent<[GuildChannel]>(client, Events.ChannelCreate);
    const added = standin.addChannel(guild.id, { name: 'matchday', type: 0 });
    const [channel] = await creation;
    expect([channel.id, channel.name, channel.type, channel.guildId]).toEqual([added.id, 'matchday', ChannelType.GuildText, guild.id]);
    expect(channel.permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages)).toBe(true);

    const update = nextEvent<[GuildChannel, GuildChannel]>(client, Events.ChannelUpdate);
    standin.setBotPermissions(added.id, { deny: ['SendMessages'] });
    const [, updated] = await update;
    expect(updated.id).toBe(added.id);
    expect(updated.permissionOverwrites.cache.get(client.user.id)?.deny.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(updated.permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(updated.permissionsFor(client.user)?.has(PermissionFlagsBits.ViewChannel)).toBe(true);

    const deletion = nextEvent<[GuildChannel]>(client, Events.ChannelDelete);
    standin.deleteChannel(added.id);
    const [deleted] = await deletion;
    expect(deleted.id).toBe(added.id);
    expect(client.channels.cache.has(added.id)).toBe(false);
  });
});
