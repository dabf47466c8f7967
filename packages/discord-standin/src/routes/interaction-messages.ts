/** Messages created by interaction responses and webhooks: author = bot, webhook_id = application id. */
import type { APIMessage } from 'discord-api-types/v10';
import type { InteractionRecord } from '../interactions.js';
import { buildMessage, type UploadedFile } from '../messages.js';
import { userObject } from '../serialize.js';
import type { Json } from '../types.js';
import type { World } from '../world.js';

export const EPHEMERAL = 64;
export const LOADING = 128;
/** Interaction responses and webhooks only parse user mentions by default. */
const WEBHOOK_DEFAULT_PARSE = ['users'] as const;
const APPLICATION_COMMAND = 2;
const CHAT_INPUT_COMMAND_MESSAGE = 20;

export function isEphemeral(message: APIMessage | null | undefined): boolean {
  return ((message?.flags ?? 0) & EPHEMERAL) !== 0;
}

export function interactionMessage(
  world: World,
  record: InteractionRecord,
  opts: { body: Json; files?: readonly UploadedFile[]; id?: string; previous?: APIMessage; extraFlags?: number },
): APIMessage {
  const payload = record.payload;
  const invoker = (payload.member as Json | undefined)?.user ?? payload.user;
  return buildMessage(world.state, {
    id: opts.id ?? opts.previous?.id ?? world.state.snowflake(),
    channelId: String(payload.channel_id),
    author: world.state.bot,
    body: opts.body,
    files: opts.files,
    extraFlags: opts.extraFlags,
    // An edit keeps what the message was: a component update on a plain bot post stays a plain post.
    webhookId: opts.previous ? opts.previous.webhook_id : world.state.application.id,
    applicationId: opts.previous ? opts.previous.application_id : world.state.application.id,
    interactionMetadata: opts.previous
      ? (opts.previous.interaction_metadata as Json | undefined)
      : {
          id: record.id,
          type: payload.type,
          user: invoker ?? userObject(world.state.tester),
          authorizing_integration_owners: payload.authorizing_integration_owners,
        },
    messageType: opts.previous ? undefined : payload.type === APPLICATION_COMMAND ? CHAT_INPUT_COMMAND_MESSAGE : 0,
    defaultParse: WEBHOOK_DEFAULT_PARSE,
    baseUrl: world.baseUrl(),
    previous: opts.previous,
  });
}

/** Non-ephemeral interaction messages are visible in the channel, so they join its history. */
export function publish(world: World, record: InteractionRecord, message: APIMessage): void {
  if (isEphemeral(message)) return;
  const guildId = typeof record.payload.guild_id === 'string' ? record.payload.guild_id : null;
  if (world.messages.find(message.channel_id, message.id)) world.messages.replace(message, guildId);
  else world.messages.add(message, guildId);
}
