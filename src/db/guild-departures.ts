// The mark a server gets when the bot leaves it, and the purge 30 days later. Only a server the bot
// is no longer in is ever purged: rejoining clears the mark and keeps everything.
import { and, eq, inArray, lte } from 'drizzle-orm';
import { announcementClubRoles, announcementOutbox, announcementSubscriptions, guildDefaultSeasons } from './announcements-schema.js';
import { guildDepartures } from './guild-departures-schema.js';
import { guildLanguages } from './language-schema.js';
import type { SyncDb } from './outbox.js';

/** How long a server's data outlives the bot's departure. PRIVACY.md and /privacy promise this. */
export const PURGE_AFTER_DAYS = 30;
export const PURGE_AFTER_MS = PURGE_AFTER_DAYS * 24 * 60 * 60 * 1000;

/** Records that the bot left a server. A second mark keeps the first time: the wait does not restart. */
export function markDeparted(db: SyncDb, guildId: string, now: number): void {
  db.insert(guildDepartures).values({ guildId, leftAt: new Date(now) }).onConflictDoNothing().run();
}

/** The bot is in the server (again): forget the mark. Whether there was one. */
export function clearDeparted(db: SyncDb, guildId: string): boolean {
  return db.delete(guildDepartures).where(eq(guildDepartures.guildId, guildId)).run().changes > 0;
}

/** When the bot left this server, or null while it is in it (or never was). */
export function departedAt(db: SyncDb, guildId: string): number | null {
  const row = db.select().from(guildDepartures).where(eq(guildDepartures.guildId, guildId)).get();
  return row === undefined ? null : row.leftAt.getTime();
}

export interface PurgedGuild {
  readonly guildId: string;
  readonly leftAt: number;
  readonly subscriptions: number;
  readonly outboxRows: number;
  /** 1 when the server's language choice (and who made it) was deleted. */
  readonly serverLanguage: number;
  /** The server's other settings deleted: its default season (`/announcements default`) and its club roles. */
  readonly serverSettings: number;
}

/**
 * Deletes everything stored about each server the bot left at least PURGE_AFTER_MS before `now`:
 * its announcement channels (settings), every outbox row (pending posts and the history of sent ones),
 * its language choice (with the id of the admin who made it), its default season and club roles, and the mark itself. One transaction per
 * server, so a failure leaves a server whole, never half gone; a server whose mark was cleared (the bot
 * rejoined) since the list was read is skipped.
 */
export function purgeDepartedGuilds(db: SyncDb, now: number, afterMs: number = PURGE_AFTER_MS): PurgedGuild[] {
  const due = db
    .select()
    .from(guildDepartures)
    .where(lte(guildDepartures.leftAt, new Date(now - afterMs)))
    .all();
  return due.flatMap(({ guildId, leftAt }) =>
    db.transaction((tx): PurgedGuild[] => {
      // The mark goes first, and only if it is still the one read: a rejoin in between keeps everything.
      const stillGone = tx
        .delete(guildDepartures)
        .where(and(eq(guildDepartures.guildId, guildId), eq(guildDepartures.leftAt, leftAt)))
        .run().changes;
      if (stillGone === 0) return [];
      const subscriptionIds = tx
        .select({ id: announcementSubscriptions.id })
        .from(announcementSubscriptions)
        .where(eq(announcementSubscriptions.guildId, guildId))
        .all()
        .map((s) => s.id);
      // Outbox rows before the subscriptions they reference; by guild and by subscription, so no row survives.
      const byGuild = tx.delete(announcementOutbox).where(eq(announcementOutbox.guildId, guildId)).run().changes;
      const bySubscription =
        subscriptionIds.length === 0
          ? 0
          : tx.delete(announcementOutbox).where(inArray(announcementOutbox.subscriptionId, subscriptionIds)).run().changes;
      const subscriptions = tx.delete(announcementSubscriptions).where(eq(announcementSubscriptions.guildId, guildId)).run().changes;
      const serverLanguage = tx.delete(guildLanguages).where(eq(guildLanguages.guildId, guildId)).run().changes;
      const serverSettings =
        tx.delete(guildDefaultSeasons).where(eq(guildDefaultSeasons.guildId, guildId)).run().changes +
        tx.delete(announcementClubRoles).where(eq(announcementClubRoles.guildId, guildId)).run().changes;
      return [{ guildId, leftAt: leftAt.getTime(), subscriptions, outboxRows: byGuild + bySubscription, serverLanguage, serverSettings }];
    }),
  );
}
