import { ChannelType, GatewayIntentBits, PermissionFlagsBits, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standin } from '../../src/standin/server.js';
import type { GuildRecord } from '../../src/standin/types.js';
import { TOKEN, connectClient, startQuietStandin } from './harness.js';

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

  it('delivers GUILD_CREATE for a new guild and GUILD_DELETE (outage vs removal)', async () => {
    const joined = standin.addGuild({ name: 'Second' });
    await standin.waitFor(() => client.guilds.cache.get(joined.id)?.available, 2000, 'the new guild in the cache');
    standin.removeGuild(joined.id, { unavailable: true });
    await standin.waitFor(() => client.guilds.cache.get(joined.id)?.available === false, 2000, 'the guild to become unavailable');
    const removed = standin.addGuild({ name: 'Third' });
    await standin.waitFor(() => client.guilds.cache.has(removed.id), 2000, 'the third guild');
    standin.removeGuild(removed.id);
    await standin.waitFor(() => !client.guilds.cache.has(removed.id), 2000, 'the removed guild to leave the cache');
  });

  it('delivers CHANNEL_CREATE and permission changes to the client cache', async () => {
    const added = standin.addChannel(guild.id, { name: 'matchday', type: 0 });
    await standin.waitFor(() => client.channels.cache.has(added.id), 2000, 'CHANNEL_CREATE in the client cache');

    standin.setBotPermissions(added.id, { deny: ['SendMessages'] });
    await standin.waitFor(() => {
      const ch = client.channels.cache.get(added.id);
      return ch && 'permissionsFor' in ch && ch.permissionsFor(client.user)?.has(PermissionFlagsBits.SendMessages) === false;
    }, 2000, 'the CHANNEL_UPDATE with the bot overwrite');

    standin.deleteChannel(added.id);
    await standin.waitFor(() => !client.channels.cache.has(added.id), 2000, 'CHANNEL_DELETE in the client cache');
  });
});
