// What the results-driven posts are planned from: when this installation first saw each result and goal
// (fact_sightings, written by editors' confirms and source imports), and what a channel was already
// shown of them (its sent full-time, late, goal and correction posts), so a changed or withdrawn fact
// gets a correction instead of standing silently.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { factKey, SHOWN_SEPARATOR, type KnownFacts, type PostedFacts } from '../domain/announcements.js';
import { announcementOutbox as outbox } from './announcements-schema.js';
import { factSightings } from './editing-schema.js';
import type { SyncDb } from './outbox.js';
import { preparedPerDatabase } from './prepared.js';

/** A season's sightings: each match's result, and its goals by key (`goal:<key>` facts). */
export function readKnownFacts(db: SyncDb, seasonId: string): KnownFacts {
  return knownFactsOf(sightingsQuery(db).all({ seasonId }));
}

const sightingsQuery = preparedPerDatabase((db: SyncDb) =>
  db
    .select({ matchId: factSightings.matchId, fact: factSightings.fact, knownAt: factSightings.knownAt })
    .from(factSightings)
    .where(eq(factSightings.seasonId, sql.placeholder('seasonId')))
    .prepare(),
);

/** The known facts of a season's sighting rows (either engine's). */
export function knownFactsOf(rows: readonly { readonly matchId: string; readonly fact: string; readonly knownAt: Date }[]): KnownFacts {
  const results = new Map<string, number>();
  const goals = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const at = row.knownAt.getTime();
    if (row.fact === 'result') results.set(row.matchId, at);
    else if (row.fact.startsWith('goal:')) {
      const byKey = goals.get(row.matchId) ?? new Map<string, number>();
      byKey.set(row.fact.slice('goal:'.length), at);
      goals.set(row.matchId, byKey);
    }
  }
  return { results, goals };
}

const CORRECTION_SLOT = /^(.*):(result|goal:[^:]+):(\d+)$/;

/** The fact a sent post showed, from its kind and slot; null for posts about rounds. */
function factOf(kind: string, slot: string, fingerprint: string): { matchId: string; fact: string; value: string; correction: boolean } | null {
  if (kind === 'result' || kind === 'late') return { matchId: slot, fact: 'result', value: fingerprint, correction: false };
  if (kind === 'goal') {
    const cut = slot.lastIndexOf(':');
    return cut < 0 ? null : { matchId: slot.slice(0, cut), fact: `goal:${slot.slice(cut + 1)}`, value: 'on', correction: false };
  }
  if (kind === 'correction') {
    const m = CORRECTION_SLOT.exec(slot);
    return m === null ? null : { matchId: m[1] ?? '', fact: m[2] ?? '', value: fingerprint, correction: true };
  }
  return null;
}

/**
 * What one channel (for one season) was last shown of each fact: the newest of its sent (or being
 * sent) posts about it, and how many corrections of it went out.
 */
/** `exceptRowId`: a row being sent, left out (what the channel saw before it). */
export function readPostedFacts(db: SyncDb, guildId: string, channelId: string, seasonId: string, exceptRowId?: number): PostedFacts {
  const rows = db
    .select({ kind: outbox.kind, slot: outbox.slot, fingerprint: outbox.fingerprint, sentAt: outbox.sentAt, id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.guildId, guildId),
        eq(outbox.channelId, channelId),
        eq(outbox.seasonId, seasonId),
        inArray(outbox.kind, POSTED_FACT_KINDS),
        inArray(outbox.status, ['sent', 'sending']),
        exceptRowId === undefined ? undefined : ne(outbox.id, exceptRowId),
      ),
    )
    .all();
  return postedFactsOf(rows);
}

/** The post kinds that show a result or a goal. */
export const POSTED_FACT_KINDS = ['result', 'late', 'goal', 'correction', 'recap'] as const;

/** What a channel was shown, from its sent (or being sent) posts about facts (either engine's rows). */
export function postedFactsOf(rows: readonly PostedRow[]): PostedFacts {
  const latest = new Map<string, { value: string; at: number; id: number; corrections: number; fromRecap: boolean }>();
  for (const row of rows.flatMap(recapFacts)) {
    const fact = row.kind === 'recap' ? { matchId: row.slot, fact: 'result', value: row.fingerprint, correction: false } : factOf(row.kind, row.slot, row.fingerprint);
    if (fact === null) continue;
    const key = factKey(fact.matchId, fact.fact);
    // A post being sent now counts as the newest.
    const at = row.sentAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const seen = latest.get(key);
    const corrections = (seen?.corrections ?? 0) + (fact.correction ? 1 : 0);
    const newer = seen === undefined || at > seen.at || (at === seen.at && row.id > seen.id);
    latest.set(key, newer ? { value: fact.value, at, id: row.id, corrections, fromRecap: row.kind === 'recap' } : { ...seen, corrections });
  }
  return new Map([...latest].map(([key, v]) => [key, { value: v.value, corrections: v.corrections, fromRecap: v.fromRecap }]));
}

export type PostedRow = { readonly kind: string; readonly slot: string; readonly fingerprint: string; readonly sentAt: Date | null; readonly id: number };

/**
 * A sent recap as one row per result it showed (slot: the match id; fingerprint: its result), from the
 * results recorded after its round's fingerprint (recapFingerprint); a recap without them showed none
 * this bot can check. Other rows as they are.
 */
function recapFacts(row: PostedRow): PostedRow[] {
  if (row.kind !== 'recap') return [row];
  const cut = row.fingerprint.indexOf(SHOWN_SEPARATOR);
  if (cut < 0) return [];
  try {
    const shown = JSON.parse(row.fingerprint.slice(cut + 1)) as Record<string, unknown>;
    return Object.entries(shown)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([matchId, value]) => ({ ...row, slot: matchId, fingerprint: value }));
  } catch {
    return [];
  }
}
