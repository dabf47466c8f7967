/** Identity and discovery: gateway URL, the bot user, the application. */
import { userObject } from '../serialize.js';
import type { RouteDef, World } from '../world.js';
import { ApiError, ErrorCode } from '../errors.js';
import { basePermissions } from '../permissions.js';

function applicationObject(world: World) {
  const { state } = world;
  return {
    id: state.application.id,
    name: state.application.name,
    icon: null,
    description: 'Local Discord stand-in application',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: state.application.flags,
    team: null,
    owner: userObject(state.owner),
    bot: userObject(state.bot),
    approximate_guild_count: state.guilds.size,
    redirect_uris: [],
    interactions_endpoint_url: null,
    tags: [],
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '19456' },
    integration_types_config: { '0': { oauth2_install_params: { scopes: ['bot', 'applications.commands'], permissions: '19456' } } },
  };
}

export const metaRoutes: RouteDef[] = [
  { method: 'GET', route: '/gateway', auth: false, handler: ({ world }) => ({ status: 200, body: { url: world.gatewayUrl() } }) },
  {
    method: 'GET',
    route: '/gateway/bot',
    handler: ({ world }) => ({
      status: 200,
      body: {
        url: world.gatewayUrl(),
        shards: world.sessionStarts.opts.recommendedShards,
        session_start_limit: world.sessionStarts.snapshot(Date.now()),
      },
    }),
  },
  {
    method: 'GET',
    route: '/users/@me',
    handler: ({ world }) => ({
      status: 200,
      body: { ...userObject(world.state.bot), bot: true, verified: true, mfa_enabled: false, locale: 'en-US', email: null },
    }),
  },
  {
    method: 'GET',
    route: '/users/@me/guilds',
    handler: ({ world }) => ({
      status: 200,
      body: [...world.state.guilds.values()].map((g) => ({
        id: g.id,
        name: g.name,
        icon: null,
        banner: null,
        owner: false,
        permissions: basePermissions(world.state.permissionContext(g.id, world.state.bot.id)).toString(),
        features: [],
      })),
    }),
  },
  {
    method: 'GET',
    route: '/users/:user_id',
    handler: ({ world, params }) => {
      const user = world.state.users.get(params.user_id ?? '');
      if (!user) throw new ApiError(404, ErrorCode.UnknownUser);
      return { status: 200, body: userObject(user) };
    },
  },
  { method: 'GET', route: '/applications/@me', handler: ({ world }) => ({ status: 200, body: applicationObject(world) }) },
  { method: 'GET', route: '/oauth2/applications/@me', handler: ({ world }) => ({ status: 200, body: applicationObject(world) }) },
];
