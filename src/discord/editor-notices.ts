// Editor notices: when an import finds that a source now disagrees with an editor's value (the
// value is kept), one message in EDITOR_CHANNEL_ID says so, without pinging anyone. "Once" holds
// across restarts without a table of its own: each conflict has a fingerprint in the notice's
// footer, and a conflict already in the channel's recent messages is not posted again.
import { createHash } from 'node:crypto';
import { Routes, type APIEmbed, type APIMessage, type REST } from 'discord.js';
import type { Season } from '../domain/types.js';
import type { EditingService, OverrideConflict } from '../editing/types.js';
import type { Logger } from '../log.js';
import { fieldValueText, teamNames } from './render/edit-values.js';
import { fitMessage } from './render/limits.js';
import { escapeText, truncate } from './render/text.js';

/** How far back the channel is read for notices already posted. */
const RECENT_MESSAGES = 100;
/** Conflicts per notice (fields of one embed, under Discord's 25). */
const PER_NOTICE = 20;

/** A stable short id for one disagreement: a changed source or override value is a new conflict. */
export const conflictFingerprint = (c: OverrideConflict): string =>
  createHash('sha256')
    .update(JSON.stringify([c.season, c.match, c.field, c.sourceValue, c.overrideValue, c.journal]))
    .digest('hex')
    .slice(0, 12);

const FOOTER_PREFIX = 'conflict ';

/** The notice for a batch of one season's conflicts. */
export const conflictNotice = (seasonId: string, conflicts: readonly OverrideConflict[], season: Season | undefined) => {
  const names = teamNames(season);
  const matchName = (matchId: string): string => {
    const match = season?.matches.find((m) => m.id === matchId);
    return match === undefined ? escapeText(matchId) : `${escapeText(names(match.home))} v ${escapeText(names(match.away))} (${escapeText(matchId)})`;
  };
  const embed: APIEmbed = {
    title: truncate(`A source disagrees with an edit · ${season?.name ?? seasonId}`, 256),
    color: 0xef6c00,
    description: 'The editor’s value is kept and fans keep seeing it. Check the source; `/edit log` lists every conflict, and `/edit undo` goes back to the source’s value.',
    fields: conflicts.map((c) => ({
      name: truncate(`${matchName(c.match)} · ${c.field}`, 256),
      value: `The source says ${fieldValueText(c.field, c.sourceValue, names)}; the edit (change #${escapeText(c.journal)}) keeps ${fieldValueText(c.field, c.overrideValue, names)}.`,
    })),
    footer: { text: conflicts.map((c) => `${FOOTER_PREFIX}${conflictFingerprint(c)}`).join(' · ') },
  };
  return fitMessage({ embeds: [embed] });
};

export interface EditorNoticesDeps {
  readonly editing: Pick<EditingService, 'onConflicts'>;
  readonly rest: Pick<REST, 'get' | 'post'>;
  readonly channelId: string;
  /** The season as served, for club names. */
  readonly season: (seasonId: string) => Season | undefined;
  readonly log: Logger;
}

export interface EditorNotices {
  /** Posts the conflicts not yet in the channel (the listener calls this; so does the start, for its own import's). */
  report(seasonId: string, conflicts: readonly OverrideConflict[]): void;
  /** Resolves once every notice asked for so far is posted (or failed and logged). */
  idle(): Promise<void>;
  stop(): void;
}

/** Subscribes to the editing service's conflicts and posts each new one once in the editor channel. */
export const startEditorNotices = (deps: EditorNoticesDeps): EditorNotices => {
  const log = deps.log.child({ component: 'editor-notices', channelId: deps.channelId });
  // One at a time: two imports in a row must not both read the channel before either posts.
  let queue: Promise<void> = Promise.resolve();

  const postedFingerprints = async (): Promise<Set<string>> => {
    const messages = (await deps.rest.get(Routes.channelMessages(deps.channelId), {
      query: new URLSearchParams({ limit: String(RECENT_MESSAGES) }),
    })) as APIMessage[];
    const seen = new Set<string>();
    for (const message of messages) {
      for (const embed of message.embeds ?? []) {
        for (const part of embed.footer?.text.split(' · ') ?? []) if (part.startsWith(FOOTER_PREFIX)) seen.add(part.slice(FOOTER_PREFIX.length));
      }
    }
    return seen;
  };

  const post = async (seasonId: string, conflicts: readonly OverrideConflict[]): Promise<void> => {
    const seen = await postedFingerprints();
    const fresh = conflicts.filter((c) => !seen.has(conflictFingerprint(c)));
    log.debug({ seasonId, conflicts: conflicts.length, fresh: fresh.length }, 'editor notices checked');
    for (let i = 0; i < fresh.length; i += PER_NOTICE) {
      const batch = fresh.slice(i, i + PER_NOTICE);
      const payload = conflictNotice(seasonId, batch, deps.season(seasonId));
      await deps.rest.post(Routes.channelMessages(deps.channelId), {
        body: { embeds: payload.embeds, allowed_mentions: { parse: [] } },
      });
      log.info({ seasonId, conflicts: batch.map(conflictFingerprint) }, 'editor notice posted');
    }
  };

  const report = (seasonId: string, conflicts: readonly OverrideConflict[]): void => {
    if (conflicts.length === 0) return;
    queue = queue.then(() =>
      post(seasonId, conflicts).catch((err: unknown) => {
        // Not fatal: the conflicts stay listed in /edit log, and the next start reports them again.
        log.warn({ err, seasonId, count: conflicts.length }, 'editor notice not posted');
      }),
    );
  };
  const unsubscribe = deps.editing.onConflicts(report);

  return {
    report,
    idle: () => queue,
    stop: unsubscribe,
  };
};
