/**
 * POST /interactions/{id}/{token}/callback — the initial response. Enforces the 3 s deadline (10062),
 * one response per interaction (40060), the response types each interaction type allows, and the
 * message/choice limits. `?with_response=true` returns the interaction callback response object.
 */
import type { APIMessage } from 'discord-api-types/v10';
import { ApiError, ErrorCode, formError } from '../errors.js';
import type { InteractionCallbackBody, InteractionRecord } from '../interactions.js';
import type { Json } from '../types.js';
import { validateMessageBody } from '../validate-message.js';
import type { RouteContext, RouteDef } from '../world.js';
import { EPHEMERAL, LOADING, interactionMessage, isEphemeral, publish } from './interaction-messages.js';

/** Interaction type → the callback types Discord accepts for it. */
const ALLOWED_RESPONSES: Record<number, readonly number[]> = {
  1: [1],
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

function validateChoices(data: Json): void {
  const choices = data.choices;
  if (!Array.isArray(choices)) throw formError('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (choices.length > 25) throw formError('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  (choices as Json[]).forEach((c, i) => {
    if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) {
      throw formError(`data.choices.${i}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (typeof c.value === 'string' && c.value.length > 100) {
      throw formError(`data.choices.${i}.value`, 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
  });
}

/** Applies the response to the record; returns the message it created or updated, if any. */
function apply(ctx: RouteContext, record: InteractionRecord, type: number, data: Json): APIMessage | null {
  const { world } = ctx;
  switch (type) {
    case 4: {
      validateMessageBody(data, { creating: true, fileCount: ctx.files.length });
      const message = interactionMessage(world, record, { body: data, files: ctx.files });
      record.original = message;
      publish(world, record, message);
      return message;
    }
    case 5: {
      const flags = typeof data.flags === 'number' ? data.flags & EPHEMERAL : 0;
      const message = interactionMessage(world, record, { body: { content: '', flags }, extraFlags: LOADING });
      record.original = message;
      record.loading = true;
      publish(world, record, message);
      return message;
    }
    case 6:
      record.original = record.sourceMessage;
      return null;
    case 7: {
      validateMessageBody(data, { creating: false, fileCount: ctx.files.length });
      const source = record.sourceMessage;
      if (!source) return null;
      const updated = interactionMessage(world, record, { body: data, files: ctx.files, previous: source });
      record.original = updated;
      record.sourceMessage = updated;
      if (world.messages.find(updated.channel_id, updated.id)) publish(world, record, updated);
      world.interactions.replaceMessage(updated);
      return updated;
    }
    case 8:
      validateChoices(data);
      return null;
    case 9:
      if (typeof data.custom_id !== 'string' || typeof data.title !== 'string' || !Array.isArray(data.components)) {
        throw formError('data', 'BASE_TYPE_REQUIRED', 'custom_id, title and components are required');
      }
      return null;
    default:
      return null;
  }
}

function callback(ctx: RouteContext) {
  const { world, params, now } = ctx;
  const record = world.interactions.get(params.interaction_id ?? '');
  if (!record || record.token !== params.interaction_token) throw new ApiError(404, ErrorCode.UnknownInteraction);
  if (now - record.createdAt > world.settings.interactionDeadlineMs) {
    world.stats.lateCallbacks += 1;
    world.log.warn({ interactionId: record.id, lateByMs: now - record.createdAt - world.settings.interactionDeadlineMs }, 'stand-in: interaction callback after the deadline → 10062');
    throw new ApiError(404, ErrorCode.UnknownInteraction);
  }
  if (record.callback) throw new ApiError(400, ErrorCode.InteractionAlreadyAcknowledged);

  const body = (ctx.body ?? {}) as Json;
  const type = Number(body.type);
  const data = (body.data && typeof body.data === 'object' ? body.data : {}) as Json;
  const interactionType = Number(record.payload.type);
  if (!(ALLOWED_RESPONSES[interactionType] ?? []).includes(type)) {
    throw formError('type', 'INTERACTION_RESPONSE_TYPE_INVALID', `Response type ${type} is invalid for interaction type ${interactionType}`);
  }
  const message = apply(ctx, record, type, data);
  const recorded: InteractionCallbackBody = body.data === undefined ? { type } : { type, data };
  world.interactions.acknowledged(record, recorded, now);

  if (ctx.query.get('with_response') !== 'true') return { status: 204 };
  const interaction: Json = { id: record.id, type: interactionType };
  if (message) {
    interaction.response_message_id = message.id;
    interaction.response_message_loading = ((message.flags ?? 0) & LOADING) !== 0;
    interaction.response_message_ephemeral = isEphemeral(message);
  }
  const resource: Json = { type };
  if (message && (type === 4 || type === 7)) resource.message = message;
  return { status: 200, body: { interaction, resource } };
}

export const interactionCallbackRoutes: RouteDef[] = [
  {
    method: 'POST',
    route: '/interactions/:interaction_id/:interaction_token/callback',
    auth: false,
    globalLimit: false,
    handler: callback,
  },
];
