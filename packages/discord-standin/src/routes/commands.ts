/** Application commands, global and per guild: GET/POST/PUT on the list, GET/PATCH/DELETE on one. */
import { ApiError, ErrorCode } from '../errors.js';
import type { Json } from '../types.js';
import { validateCommand, validateCommandList } from '../validate-command.js';
import type { RouteContext, RouteDef } from '../world.js';

/** Checks the application id, and that the bot is in the guild (else Discord answers 50001). */
function scope({ world, params }: RouteContext): string | null {
  if (params.application_id !== world.state.application.id) throw new ApiError(404, 10002, 'Unknown Application');
  const guildId = params.guild_id ?? null;
  if (guildId !== null && !world.state.guilds.has(guildId)) throw new ApiError(403, ErrorCode.MissingAccess);
  return guildId;
}

const asObject = (body: unknown): Json => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {});

function routesFor(base: string): RouteDef[] {
  return [
    {
      method: 'GET',
      route: base,
      handler: (ctx) => ({ status: 200, body: ctx.world.commands.list(scope(ctx)) }),
    },
    {
      method: 'PUT',
      route: base,
      handler: (ctx) => {
        const guildId = scope(ctx);
        const list = validateCommandList(ctx.body);
        return { status: 200, body: ctx.world.commands.overwrite(guildId, list) };
      },
    },
    {
      method: 'POST',
      route: base,
      handler: (ctx) => {
        const guildId = scope(ctx);
        const body = asObject(ctx.body);
        validateCommand(body);
        const { command, created } = ctx.world.commands.create(guildId, body);
        return { status: created ? 201 : 200, body: command };
      },
    },
    {
      method: 'GET',
      route: `${base}/:command_id`,
      handler: (ctx) => ({ status: 200, body: ctx.world.commands.get(scope(ctx), ctx.params.command_id ?? '') }),
    },
    {
      method: 'PATCH',
      route: `${base}/:command_id`,
      handler: (ctx) => {
        const guildId = scope(ctx);
        const id = ctx.params.command_id ?? '';
        const merged = { ...ctx.world.commands.get(guildId, id), ...asObject(ctx.body) };
        validateCommand(merged);
        return { status: 200, body: ctx.world.commands.edit(guildId, id, asObject(ctx.body)) };
      },
    },
    {
      method: 'DELETE',
      route: `${base}/:command_id`,
      handler: (ctx) => {
        ctx.world.commands.delete(scope(ctx), ctx.params.command_id ?? '');
        return { status: 204 };
      },
    },
  ];
}

export const commandRoutes: RouteDef[] = [
  ...routesFor('/applications/:application_id/commands'),
  ...routesFor('/applications/:application_id/guilds/:guild_id/commands'),
];
