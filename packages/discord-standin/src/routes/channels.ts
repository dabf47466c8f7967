/** Channels and their messages, with the permission checks Discord makes for the bot. */
import type { APIMessage } from 'discord-api-types/v10';
import { ApiError, ErrorCode } from '../errors.js';
import { buildMessage } from '../messages.js';
import { ALL_PERMISSIONS, Permission, effectiveSendPermissions, has } from '../permissions.js';
import { channelObject } from '../serialize.js';
import type { ChannelRecord, Json } from '../types.js';
import { validateMessageBody } from '../validate-message.js';
import type { RouteContext, RouteDef, World } from '../world.js';

const CATEGORY = 4;
const FORUM = 15;
/** Regular messages ping users, roles and @everyone unless allowed_mentions says otherwise. */
const CHANNEL_DEFAULT_PARSE = ['users', 'roles', 'everyone'] as const;

/** The channel, if the bot can see it: unknown → 404 10003, no View Channel → 403 50001. */
function visibleChannel(world: World, channelId: string): { channel: ChannelRecord; perms: bigint } {
  const channel = world.state.channel(channelId);
  if (!channel.guildId) return { channel, perms: ALL_PERMISSIONS };
  const perms = world.state.permissionsIn(channel.id, world.state.bot.id);
  if (!has(perms, Permission.ViewChannel)) throw new ApiError(403, ErrorCode.MissingAccess);
  return { channel, perms };
}

const asObject = (body: unknown): Json => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {});

function createMessage(ctx: RouteContext): { status: number; body: APIMessage } {
  const { world, now } = ctx;
  const { channel, perms: rawPerms } = visibleChannel(world, ctx.params.channel_id ?? '');
  if (channel.type === CATEGORY) throw new ApiError(400, ErrorCode.CannotSendInNonTextChannel);
  if (channel.type === FORUM) throw new ApiError(400, ErrorCode.CannotSendInForum);
  const perms = effectiveSendPermissions(rawPerms);
  if (!has(perms, Permission.SendMessages)) throw new ApiError(403, ErrorCode.MissingPermissions);

  const body = { ...asObject(ctx.body) };
  validateMessageBody(body, { creating: true, fileCount: ctx.files.length });
  if (ctx.files.length > 0 && !has(perms, Permission.AttachFiles)) throw new ApiError(403, ErrorCode.MissingPermissions);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > 0 && !has(perms, Permission.EmbedLinks)) {
    // Embed-only → 403; with other content the embeds are silently dropped (discord-api-docs#2601).
    const hasOther =
      (typeof body.content === 'string' && body.content.trim().length > 0) ||
      ctx.files.length > 0 ||
      (Array.isArray(body.components) && body.components.length > 0);
    if (!hasOther) throw new ApiError(403, ErrorCode.MissingPermissions);
    body.embeds = [];
  }

  const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
  if (nonce !== null && body.enforce_nonce === true) {
    const existing = world.messages.nonceHit(channel.id, nonce, world.settings.nonceWindowMs, now);
    if (existing) {
      ctx.markDeduplicated();
      return { status: 200, body: existing };
    }
  }

  const message = buildMessage(world.state, {
    id: world.state.snowflake(),
    channelId: channel.id,
    author: world.state.bot,
    body,
    files: ctx.files,
    defaultParse: CHANNEL_DEFAULT_PARSE,
    baseUrl: world.baseUrl(),
  });
  if (message.mention_everyone && !has(perms, Permission.MentionEveryone)) message.mention_everyone = false;
  world.messages.add(message, channel.guildId);
  if (nonce !== null) world.messages.rememberNonce(channel.id, nonce, message.id, now);
  return { status: 200, body: message };
}

function ownMessage(ctx: RouteContext): { channel: ChannelRecord; message: APIMessage } {
  const { channel } = visibleChannel(ctx.world, ctx.params.channel_id ?? '');
  const message = ctx.world.messages.find(channel.id, ctx.params.message_id ?? '');
  if (!message) throw new ApiError(404, ErrorCode.UnknownMessage);
  return { channel, message };
}

export const channelRoutes: RouteDef[] = [
  {
    method: 'GET',
    route: '/channels/:channel_id',
    handler: ({ world, params }) => {
      const { channel } = visibleChannel(world, params.channel_id ?? '');
      return { status: 200, body: channelObject(channel, world.state) };
    },
  },
  {
    method: 'GET',
    route: '/channels/:channel_id/messages',
    handler: ({ world, params, query }) => {
      const { channel, perms } = visibleChannel(world, params.channel_id ?? '');
      // Without Read Message History Discord answers with an empty list.
      if (!has(perms, Permission.ReadMessageHistory)) return { status: 200, body: [] };
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
      const before = query.get('before');
      const after = query.get('after');
      let list = world.messages.list(channel.id);
      if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
      if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
      // Newest first, as Discord returns them.
      const page = after ? list.slice(0, limit) : list.slice(-limit);
      return { status: 200, body: page.reverse() };
    },
  },
  { method: 'POST', route: '/channels/:channel_id/messages', handler: createMessage },
  {
    method: 'GET',
    route: '/channels/:channel_id/messages/:message_id',
    handler: (ctx) => ({ status: 200, body: ownMessage(ctx).message }),
  },
  {
    method: 'PATCH',
    route: '/channels/:channel_id/messages/:message_id',
    handler: (ctx) => {
      const { channel, message } = ownMessage(ctx);
      if (message.author.id !== ctx.world.state.bot.id) throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
      const body = asObject(ctx.body);
      validateMessageBody(body, { creating: false, fileCount: ctx.files.length });
      const edited = buildMessage(ctx.world.state, {
        id: message.id,
        channelId: channel.id,
        author: ctx.world.state.bot,
        body,
        files: ctx.files,
        defaultParse: CHANNEL_DEFAULT_PARSE,
        baseUrl: ctx.world.baseUrl(),
        previous: message,
      });
      ctx.world.messages.replace(edited, channel.guildId);
      return { status: 200, body: edited };
    },
  },
  {
    method: 'DELETE',
    route: '/channels/:channel_id/messages/:message_id',
    handler: (ctx) => {
      const { channel, message } = ownMessage(ctx);
      ctx.world.messages.remove(channel.id, message.id, channel.guildId);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    route: '/channels/:channel_id/typing',
    handler: ({ world, params }) => {
      visibleChannel(world, params.channel_id ?? '');
      return { status: 204 };
    },
  },
];
