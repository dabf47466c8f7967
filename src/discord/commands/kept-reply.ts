// A fan command's reply is a pure function of the season as of the bot's clock (one object per data
// version and timeline step, as-of.ts), the reply's language, the footer's stale/upcoming notice and the
// options: the same question asked again gets the very payload built the first time (issue 15: the
// render was most of a command's time). What else a reply reads of the clock is named in its key as a
// step between two change instants (e.g. fixtures.ts's upcomingStep), never as the instant itself.
import { memoBySeasonKey, objectKey } from '../../domain/memo.js';
import type { Season } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { seasonNotice } from '../render/season-notice.js';

export interface ReplyInput {
  readonly season: Season;
  readonly tr: Translator;
}

/**
 * `build(input)` kept per Season object, translator, footer notice and `key(input)` (everything else the
 * reply reads), at most `limit` replies per season (the oldest dropped first). The payload is shared:
 * nobody may change it. discord.js reads it, except that it sets `attachments` from `files` (undefined
 * for these replies, which have neither: the same on every use), so a kept reply never carries files.
 */
export const keptReply = <I extends ReplyInput, T>(key: (input: I) => string, build: (input: I) => T, limit = 512): ((input: I) => T) =>
  memoBySeasonKey(
    (input: I) => input.season,
    (input) => `${objectKey(input.tr)}|${seasonNotice(input.season, input.tr) ?? ''}|${key(input)}`,
    (input) => sentAsIs(build(input)),
    limit,
  );

/**
 * discord.js sends a plain embed or action row through its camelCase → snake_case transformer (a deep
 * copy, every key through lodash's snakeCase), on every send of a kept reply; an object with `toJSON`
 * it sends as that gives. Our renderers build the API's own JSON, which the transformer gives back
 * unchanged when every key is already lower snake case (letters and underscores: snakeCase keeps
 * those) and no `emoji` is a string (which it would resolve): such an embed or row gets a hidden
 * `toJSON` giving a shallow copy of itself, once, when the reply is kept. Anything else is left to the transformer.
 */
export const sentAsIs = <T>(payload: T): T => {
  if (typeof payload !== 'object' || payload === null) return payload;
  const { embeds, components } = payload as { readonly embeds?: unknown; readonly components?: unknown };
  for (const list of [embeds, components]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) if (isPlainObject(item) && Object.isExtensible(item) && !('toJSON' in item) && isApiJson(item)) Object.defineProperty(item, 'toJSON', { value: selfJson });
  }
  return payload;
};

/** A shallow copy, not the object itself: a serializer that follows toJSON (a snapshot) would otherwise loop. */
function selfJson(this: object): object {
  return { ...this };
}

const SNAKE_KEY = /^[a-z]+(?:_[a-z]+)*$/;

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** Keys already found lower snake case: a reply's embeds use the same dozen keys, tested once each. */
const snakeKeys = new Set<string>();
const isSnakeKey = (key: string): boolean => {
  if (snakeKeys.has(key)) return true;
  if (!SNAKE_KEY.test(key)) return false;
  if (snakeKeys.size < SNAKE_KEYS_LIMIT) snakeKeys.add(key);
  return true;
};
/** Payload keys are the API's own field names: a few dozen; the bound only guards against the unexpected. */
const SNAKE_KEYS_LIMIT = 1_000;

/** Whether the transformer would give `value` back as it is (see sentAsIs). */
const isApiJson = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isApiJson(item)) return false;
    return true;
  }
  if (!isPlainObject(value) || 'toJSON' in value) return false;
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    if (!isSnakeKey(key) || (key === 'emoji' && typeof inner === 'string') || !isApiJson(inner)) return false;
  }
  return true;
};
