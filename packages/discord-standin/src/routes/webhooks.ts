/**
 * Interaction webhooks (webhook id = application id, token = interaction token): follow-ups, and
 * GET/PATCH/DELETE of @original or a follow-up. After a type-5 defer, the first follow-up fills the
 * "thinking" message, keeping the defer's ephemeral flag (Discord's observed behaviour).
 */
import type { APIMessage } from 'discord-api-types/v10';
import { ApiError, ErrorCode } from '../errors.js';
import type { InteractionRecord } from '../interactions.js';
import type { Json } from '../types.js';
import { validateMessageBody } from '../validate-message.js';
import type { RouteContext, RouteDef } from '../world.js';
import { EPHEMERAL, LOADING, interactionMessage, publish } from './interaction-messages.js';

const asObject = (body: unknown): Json => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {});

function interactionFor(ctx: RouteContext): InteractionRecord {
  const { world, params, now } = ctx;
  const record = world.interactions.byWebhookToken(params.webhook_token ?? '');
  if (params.webhook_id !== world.state.application.id || !record) throw new ApiError(404, ErrorCode.UnknownWebhook);
  if (now - record.createdAt > world.settings.interactionTokenLifetimeMs) throw new ApiError(401, 50027, 'Invalid Webhook Token');
  // The webhook only exists once the interaction was acknowledged.
  if (!record.callback) throw new ApiError(404, ErrorCode.UnknownWebhook);
  return record;
}

function target(record: InteractionRecord, messageId: string): APIMessage {
  const found =
    messageId === '@original'
      ? (record.original ?? record.sourceMessage)
      : [record.original, ...record.followUps].find((m) => m?.id === messageId);
  if (!found) throw new ApiError(404, ErrorCode.UnknownMessage);
  return found;
}

function followUp(ctx: RouteContext) {
  const { world } = ctx;
  const record = interactionFor(ctx);
  const body = asObject(ctx.body);
  validateMessageBody(body, { creating: true, fileCount: ctx.files.length });
  let message: APIMessage;
  if (record.loading && record.original) {
    const ephemeral = (record.original.flags ?? 0) & EPHEMERAL;
    message = interactionMessage(world, record, { body: { ...body, flags: ((body.flags as number | undefined) ?? 0) | ephemeral }, files: ctx.files, id: record.original.id });
    record.original = message;
    record.loading = false;
  } else {
    message = interactionMessage(world, record, { body, files: ctx.files });
  }
  record.followUps.push(message);
  publish(world, record, message);
  world.interactions.replaceMessage(message);
  return ctx.query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
}

function editMessage(ctx: RouteContext) {
  const { world, now } = ctx;
  const record = interactionFor(ctx);
  const messageId = ctx.params.message_id ?? '';
  const previous = target(record, messageId);
  const body = asObject(ctx.body);
  validateMessageBody(body, { creating: false, fileCount: ctx.files.length });
  const edited = interactionMessage(world, record, { body, files: ctx.files, previous });
  // An edit cannot change visibility, and it ends the loading state of a deferred reply.
  edited.flags = (((edited.flags ?? 0) & ~(EPHEMERAL | LOADING)) | ((previous.flags ?? 0) & EPHEMERAL)) as APIMessage['flags'];
  if (record.original?.id === edited.id) {
    record.original = edited;
    record.loading = false;
  }
  record.edits.push({ messageId: edited.id, original: messageId === '@original', body, at: now });
  if (world.messages.find(edited.channel_id, edited.id)) publish(world, record, edited);
  world.interactions.replaceMessage(edited);
  return { status: 200, body: edited };
}

function deleteMessage(ctx: RouteContext) {
  const { world } = ctx;
  const record = interactionFor(ctx);
  const message = target(record, ctx.params.message_id ?? '');
  if (record.original?.id === message.id) record.original = null;
  record.followUps = record.followUps.filter((m) => m.id !== message.id);
  const guildId = typeof record.payload.guild_id === 'string' ? record.payload.guild_id : null;
  world.messages.remove(message.channel_id, message.id, guildId);
  world.state.changed();
  return { status: 204 };
}

const tokenRoute = { auth: false, globalLimit: false } as const;

export const webhookRoutes: RouteDef[] = [
  { method: 'POST', route: '/webhooks/:webhook_id/:webhook_token', handler: followUp, ...tokenRoute },
  {
    method: 'GET',
    route: '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
    handler: (ctx) => ({ status: 200, body: target(interactionFor(ctx), ctx.params.message_id ?? '') }),
    ...tokenRoute,
  },
  { method: 'PATCH', route: '/webhooks/:webhook_id/:webhook_token/messages/:message_id', handler: editMessage, ...tokenRoute },
  { method: 'DELETE', route: '/webhooks/:webhook_id/:webhook_token/messages/:message_id', handler: deleteMessage, ...tokenRoute },
];
