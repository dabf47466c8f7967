// ../outbox-facts.ts on PostgreSQL: when each result and goal was first seen, and what a channel was
// already shown of them. The same queries; the rows are turned into facts by the shared code there.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { KnownFacts, PostedFacts } from '../../domain/announcements.js';
import { knownFactsOf, POSTED_FACT_KINDS, postedFactsOf } from '../outbox-facts.js';
import { announcementOutbox as outbox } from './announcements-schema.js';
import { factSightings } from './editing-schema.js';
import type { PgConn } from './season-repo.js';

export async function readKnownFactsPg(db: PgConn, seasonId: string): Promise<KnownFacts> {
  return knownFactsOf(
    await db
      .select({ matchId: factSightings.matchId, fact: factSightings.fact, knownAt: factSightings.knownAt })
      .from(factSightings)
      .where(eq(factSightings.seasonId, seasonId)),
  );
}

/** `exceptRowId`: a row being sent, left out (what the channel saw before it). */
export async function readPostedFactsPg(db: PgConn, guildId: string, channelId: string, seasonId: string, exceptRowId?: number): Promise<PostedFacts> {
  return postedFactsOf(
    await db
      .select({ kind: outbox.kind, slot: outbox.slot, fingerprint: outbox.fingerprint, sentAt: outbox.sentAt, id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.guildId, guildId),
          eq(outbox.channelId, channelId),
          eq(outbox.seasonId, seasonId),
          inArray(outbox.kind, [...POSTED_FACT_KINDS]),
          inArray(outbox.status, ['sent', 'sending']),
          exceptRowId === undefined ? undefined : ne(outbox.id, exceptRowId),
        ),
      ),
  );
}
