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
    build,
    limit,
  );
