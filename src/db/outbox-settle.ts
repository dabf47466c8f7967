// How the outcome of one send lands in the database: one function per outcome, each a single
// transaction over the outbox row and, when the outcome says something about the channel, its
// subscription. The dispatcher calls exactly one of these per claimed row and nothing else.
import {
  DISABLED_REASONS,
  disableGuild,
  disableSubscription,
  recordPermissionFailure,
  resetPermissionFailures,
} from './guild-settings.js';
import { markDeparted } from './guild-departures.js';
import { releaseClaim, settleCancelled, settleFailed, settleRetry, settleSent, type OutboxRow, type SyncDb } from './outbox.js';

export interface SendFailure {
  readonly message: string;
  readonly code: string | null;
}

/** The claimed row, as much as settling needs. */
export type ClaimedRow = Pick<OutboxRow, 'id' | 'guildId' | 'channelId'>;

/** What a settle did to the channel: `null`, or the reason it is now disabled. */
export type ChannelEffect = string | null;

/** sending → sent, at the time of this send; a success also resets the channel's permission failures. */
export function settlePostSent(db: SyncDb, row: ClaimedRow, messageIds: readonly string[], late: boolean, sentAt: number, shown?: string): boolean {
  return db.transaction((tx) => {
    if (!settleSent(tx, row.id, messageIds, late, sentAt, shown)) return false;
    resetPermissionFailures(tx, row.guildId, row.channelId);
    return true;
  });
}

/** sending → pending until `nextAttemptAt`, keeping the parts of a split post already sent. */
export function settlePostRetry(
  db: SyncDb,
  row: ClaimedRow,
  error: SendFailure,
  nextAttemptAt: number,
  at: number,
  messageIds: readonly string[],
): boolean {
  return settleRetry(db, row.id, error, nextAttemptAt, at, messageIds);
}

/** sending → failed: this post only; the channel stays on. */
export function settlePostFailed(db: SyncDb, row: ClaimedRow, error: SendFailure, at: number, messageIds: readonly string[]): boolean {
  return settleFailed(db, row.id, error, at, messageIds);
}

/** 10003 / 10004: the post fails and the channel (or every channel of the guild) is disabled at once. */
export function settleChannelGone(db: SyncDb, row: ClaimedRow, scope: 'channel' | 'guild', error: SendFailure, at: number, messageIds: readonly string[]): ChannelEffect {
  return db.transaction((tx) => {
    settleFailed(tx, row.id, error, at, messageIds);
    if (scope === 'guild') {
      // 10004 Unknown Guild: the bot is no longer in it (perhaps removed while it was down): the 30-day purge starts.
      markDeparted(tx, row.guildId, at);
      return disableGuild(tx, row.guildId, at) > 0 ? DISABLED_REASONS.guildGone : null;
    }
    return disableSubscription(tx, row.guildId, row.channelId, DISABLED_REASONS.channelDeleted, at) ? DISABLED_REASONS.channelDeleted : null;
  });
}

/** 50001 / 50013: the post fails and counts towards disabling the channel. */
export function settleForbidden(
  db: SyncDb,
  row: ClaimedRow,
  detail: string,
  error: SendFailure,
  at: number,
  messageIds: readonly string[],
): { readonly failures: number; readonly disabled: ChannelEffect } {
  return db.transaction((tx) => {
    settleFailed(tx, row.id, error, at, messageIds);
    const { failures, disabled } = recordPermissionFailure(tx, row.guildId, row.channelId, detail, at);
    return { failures, disabled: disabled ? DISABLED_REASONS.missingPermissions : null };
  });
}

/** 50008 / 40058 / 50024: the channel cannot take these posts. The post fails and the channel is disabled. */
export function settleUnsupported(db: SyncDb, row: ClaimedRow, error: SendFailure, at: number, messageIds: readonly string[]): ChannelEffect {
  return db.transaction((tx) => {
    settleFailed(tx, row.id, error, at, messageIds);
    const reason = `${DISABLED_REASONS.unsupportedChannel}: ${error.code ?? 'unknown'}`;
    return disableSubscription(tx, row.guildId, row.channelId, reason, at) ? DISABLED_REASONS.unsupportedChannel : null;
  });
}

/**
 * 401, a pass halted by one, or a dispatcher stopping: not the row's fault. It goes back to pending
 * as it was (the attempt is not counted), keeping any parts already sent, claimable at once.
 */
export function settleUnauthorized(db: SyncDb, row: ClaimedRow, at: number, messageIds: readonly string[]): boolean {
  return releaseClaim(db, row.id, at, messageIds);
}

/** The channel was disabled, or the round left the data, while the row was claimed. */
export function settlePostCancelled(db: SyncDb, row: ClaimedRow, reason: string, at: number): boolean {
  return settleCancelled(db, row.id, reason, at);
}
