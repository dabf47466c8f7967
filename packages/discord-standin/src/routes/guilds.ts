/** Guild reads the bot may make: the guild, its channels, roles and one member. */
import { ApiError, ErrorCode } from '../errors.js';
import { channelObject, guildObject, memberObject, roleObject } from '../serialize.js';
import type { RouteDef } from '../world.js';

export const guildRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: '/guilds/:guild_id',
    handler: ({ world, params, query }) => {
      const guild = world.state.guild(params.guild_id ?? '');
      const counts =
        query.get('with_counts') === 'true'
          ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 }
          : {};
      return { status: 200, body: { ...guildObject(guild), ...counts } };
    },
  },
  {
    method: 'GET',
    route: '/guilds/:guild_id/channels',
    handler: ({ world, params }) => {
      const guild = world.state.guild(params.guild_id ?? '');
      const channels = guild.channelIds.flatMap((id) => {
        const c = world.state.channels.get(id);
        return c ? [channelObject(c, world.state)] : [];
      });
      return { status: 200, body: channels };
    },
  },
  {
    method: 'GET',
    route: '/guilds/:guild_id/roles',
    handler: ({ world, params }) => ({
      status: 200,
      body: [...world.state.guild(params.guild_id ?? '').roles.values()].map(roleObject),
    }),
  },
  {
    method: 'GET',
    route: '/guilds/:guild_id/members/:user_id',
    handler: ({ world, params }) => {
      const member = world.state.guild(params.guild_id ?? '').members.get(params.user_id ?? '');
      if (!member) throw new ApiError(404, ErrorCode.UnknownMember);
      return { status: 200, body: memberObject(world.state, member) };
    },
  },
];
