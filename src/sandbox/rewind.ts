// Moving the sandbox's replay clock back. The bot's ledger keeps a post that was sent (or expired)
// for good, so after a rewind nothing would be posted again. The sandbox, between stopping the bot and
// starting it again, turns every post due from the new instant back into a cancelled row; the bot's
// start-up re-plan reopens each one it still plans, and it is posted again when the clock gets there.
import { and, gte, inArray, ne, sql } from 'drizzle-orm';
import { announcementOutbox as outbox } from '../db/announcements-schema.js';
import { openDatabase } from '../db/client.js';

/** Rows that will not go out again by themselves; pending ones simply wait for their time. */
const REPLAYED = ['sent', 'sending', 'failed', 'expired'] as const;

export const REWOUND_NOTE = 'sandbox: the replay clock was moved back before this post';

/**
 * Resets every post due at or after `from` that was sent, or failed, expired or was being sent, in the
 * bot's database at `databasePath`, while the bot is stopped. Returns how many rows were reset.
 */
export function rewindLedger(databasePath: string, from: number, now: number = Date.now()): number {
  const opened = openDatabase(databasePath);
  try {
    const reset = opened.db
      .update(outbox)
      .set({
        status: 'cancelled',
        // A fresh nonce per row: the stand-in, like Discord, would answer the old one with the old message.
        nonce: sql`lower(hex(randomblob(12)))`,
        messageId: null,
        messageIds: [],
        sentAt: null,
        late: false,
        attempts: 0,
        claimedAt: null,
        leaseUntil: null,
        nextAttemptAt: null,
        lastError: REWOUND_NOTE,
        lastErrorCode: null,
        updatedAt: new Date(now),
      })
      // A moved notice is about one change, planned once: it is not replayed.
      .where(and(gte(outbox.dueAt, new Date(from)), inArray(outbox.status, REPLAYED), ne(outbox.kind, 'moved')))
      .run();
    return reset.changes;
  } finally {
    opened.close();
  }
}
