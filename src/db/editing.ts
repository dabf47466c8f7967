// The editors' tables (src/db/editing-schema.ts): a season's base, the append-only journal, the
// overrides each entry wrote, and when facts were first seen. Every function is synchronous and
// runs on the caller's connection; the async editing store (store/editing.ts) wraps them, and runs a
// confirm (journal + overrides + sightings + re-import) as one better-sqlite3 transaction. The
// PostgreSQL twins are in pg/editing.ts.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { editJournal, factSightings, seasonBases, seasonOverrides, type EditAction, type SeasonBaseOrigin } from './editing-schema.js';
import type { SyncDb } from './outbox.js';
import { preparedPerDatabase } from './prepared.js';

export interface SeasonBase {
  readonly seasonId: string;
  readonly origin: SeasonBaseOrigin;
  /** The season file's JSON (data:export format), before overrides. */
  readonly body: Record<string, unknown>;
  readonly hash: string;
  readonly updatedAt: Date;
}

export const hashOfBody = (body: Record<string, unknown>): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** Writes (or replaces) a season's base; returns whether it changed. */
export function writeBase(db: SyncDb, seasonId: string, origin: SeasonBaseOrigin, body: Record<string, unknown>, now: Date): boolean {
  const hash = hashOfBody(body);
  const current = db.select({ hash: seasonBases.hash, origin: seasonBases.origin }).from(seasonBases).where(eq(seasonBases.seasonId, seasonId)).get();
  if (current !== undefined && current.hash === hash && current.origin === origin) return false;
  db.insert(seasonBases)
    .values({ seasonId, origin, body, hash, updatedAt: now })
    .onConflictDoUpdate({ target: seasonBases.seasonId, set: { origin, body, hash, updatedAt: now } })
    .run();
  return true;
}

export function readBase(db: SyncDb, seasonId: string): SeasonBase | null {
  return db.select().from(seasonBases).where(eq(seasonBases.seasonId, seasonId)).get() ?? null;
}

/** The seasons whose base an editor made (`/edit season new`): served although no file names them. */
export function editorSeasonIds(db: SyncDb): string[] {
  return db
    .select({ id: seasonBases.seasonId })
    .from(seasonBases)
    .where(eq(seasonBases.origin, 'editor'))
    .orderBy(asc(seasonBases.seasonId))
    .all()
    .map((r) => r.id);
}

export interface JournalRow {
  readonly id: number;
  readonly seasonId: string;
  readonly matchId: string | null;
  readonly action: EditAction;
  readonly editorId: string;
  readonly editorName: string;
  readonly guildId: string;
  readonly at: Date;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  readonly source: string;
  readonly reason: string | null;
  readonly undoes: number | null;
  /** The undo row that reverted this one; null while it stands. */
  readonly undoneBy: number | null;
}

export type NewJournalRow = Omit<JournalRow, 'id' | 'undoneBy'>;

export interface StoredOverride {
  readonly id: number;
  readonly seasonId: string;
  readonly matchId: string;
  readonly field: string;
  /** Decoded from its JSON text. */
  readonly value: unknown;
  readonly journalId: number;
  readonly createdAt: Date;
}

/**
 * Records a change: its journal row and its overrides. Call inside the caller's transaction when
 * the re-import must be part of it (the service does); alone, it is still atomic.
 */
export function recordChange(
  db: SyncDb,
  entry: NewJournalRow,
  overrides: readonly { readonly matchId: string; readonly field: string; readonly value: unknown }[],
): JournalRow {
  return db.transaction((tx) => {
    const row = tx.insert(editJournal).values(entry).returning().get();
    for (const o of overrides) {
      tx.insert(seasonOverrides)
        .values({ seasonId: entry.seasonId, matchId: o.matchId, field: o.field, value: JSON.stringify(o.value ?? null), journalId: row.id, createdAt: entry.at })
        .run();
    }
    return { ...row, undoneBy: null };
  });
}

const toOverride = (row: typeof seasonOverrides.$inferSelect): StoredOverride => ({
  id: row.id,
  seasonId: row.seasonId,
  matchId: row.matchId,
  field: row.field,
  value: JSON.parse(row.value) as unknown,
  journalId: row.journalId,
  createdAt: row.createdAt,
});

/** A season's live overrides in journal order (the latest of a match's field wins). */
export function liveOverrides(db: SyncDb, seasonId: string): StoredOverride[] {
  return liveOverridesQuery(db).all({ seasonId }).map(toOverride);
}

const liveOverridesQuery = preparedPerDatabase((db: SyncDb) =>
  db
    .select()
    .from(seasonOverrides)
    .where(and(eq(seasonOverrides.seasonId, sql.placeholder('seasonId')), isNull(seasonOverrides.retiredAt)))
    .orderBy(asc(seasonOverrides.journalId), asc(seasonOverrides.id))
    .prepare(),
);

/** The overrides one entry wrote (live or retired). */
export function overridesOfEntry(db: SyncDb, journalId: number): StoredOverride[] {
  return db.select().from(seasonOverrides).where(eq(seasonOverrides.journalId, journalId)).orderBy(asc(seasonOverrides.id)).all().map(toOverride);
}

const undoRows = () => sql<number | null>`(select u.id from edit_journal u where u.undoes = "edit_journal"."id")`;

const journalSelect = (db: SyncDb) =>
  db
    .select({
      id: editJournal.id,
      seasonId: editJournal.seasonId,
      matchId: editJournal.matchId,
      action: editJournal.action,
      editorId: editJournal.editorId,
      editorName: editJournal.editorName,
      guildId: editJournal.guildId,
      at: editJournal.at,
      before: editJournal.before,
      after: editJournal.after,
      source: editJournal.source,
      reason: editJournal.reason,
      undoes: editJournal.undoes,
      undoneBy: undoRows().as('undone_by'),
    })
    .from(editJournal);

export function journalEntry(db: SyncDb, id: number): JournalRow | null {
  return journalSelect(db).where(eq(editJournal.id, id)).get() ?? null;
}

/** A season's journal (one match's with matchId), newest first. */
export function journalOf(db: SyncDb, seasonId: string | null, opts: { readonly matchId?: string | null; readonly limit?: number } = {}): JournalRow[] {
  // What a start reads for every season (the choices of /edit undo) runs as one prepared statement.
  if (seasonId !== null && (opts.matchId ?? null) === null && opts.limit !== undefined) return recentJournalQuery(db).all({ seasonId, limit: opts.limit });
  const conditions = [
    ...(seasonId === null ? [] : [eq(editJournal.seasonId, seasonId)]),
    ...(opts.matchId === undefined || opts.matchId === null ? [] : [eq(editJournal.matchId, opts.matchId)]),
  ];
  const query = journalSelect(db)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(editJournal.id));
  return opts.limit === undefined ? query.all() : query.limit(opts.limit).all();
}

const recentJournalQuery = preparedPerDatabase((db: SyncDb) =>
  journalSelect(db).where(eq(editJournal.seasonId, sql.placeholder('seasonId'))).orderBy(desc(editJournal.id)).limit(sql.placeholder('limit')).prepare(),
);

/**
 * The later entries that stand on one entry: live overrides written after it for the same match
 * and field as one of its own. Newest first. An undo must wait until they are undone.
 */
export function dependentsOf(db: SyncDb, entryId: number): JournalRow[] {
  const own = overridesOfEntry(db, entryId);
  if (own.length === 0) return [];
  const first = own[0];
  if (first === undefined) return [];
  const ids = new Set<number>();
  for (const o of own) {
    const later = db
      .select({ journalId: seasonOverrides.journalId })
      .from(seasonOverrides)
      .where(
        and(
          eq(seasonOverrides.seasonId, first.seasonId),
          eq(seasonOverrides.matchId, o.matchId),
          // A whole added match carries every field: a later change of any field of it depends on it.
          o.field === 'match' ? undefined : eq(seasonOverrides.field, o.field),
          isNull(seasonOverrides.retiredAt),
          gt(seasonOverrides.journalId, entryId),
        ),
      )
      .all();
    for (const row of later) ids.add(row.journalId);
  }
  if (ids.size === 0) return [];
  return journalSelect(db)
    .where(inArray(editJournal.id, [...ids]))
    .orderBy(desc(editJournal.id))
    .all();
}

/**
 * Undoes an entry: a new journal row (action undo, undoes = id) and the entry's overrides retired,
 * in one transaction. The caller checks dependentsOf first (and re-imports inside its transaction).
 */
export function recordUndo(db: SyncDb, entry: Omit<NewJournalRow, 'action' | 'undoes'> & { readonly undoes: number }): JournalRow {
  return db.transaction((tx) => {
    const row = tx
      .insert(editJournal)
      .values({ ...entry, action: 'undo' })
      .returning()
      .get();
    tx.update(seasonOverrides).set({ retiredAt: entry.at }).where(and(eq(seasonOverrides.journalId, entry.undoes), isNull(seasonOverrides.retiredAt))).run();
    return { ...row, undoneBy: null };
  });
}

export interface Sighting {
  readonly seasonId: string;
  readonly matchId: string;
  /** `result`, or `goal:<key>` per goal. */
  readonly fact: string;
  /** The fact's fingerprint: a corrected fact is a new sighting. */
  readonly value: string;
  readonly knownAt: Date;
}

/**
 * Records that a fact was seen: new, or with a different value (a correction) → known from `now`;
 * the same value as before → unchanged. Returns the sightings that were written.
 */
export function recordSightings(db: SyncDb, sightings: readonly Omit<Sighting, 'knownAt'>[], now: Date): Sighting[] {
  const written: Sighting[] = [];
  for (const s of sightings) {
    const current = db
      .select({ value: factSightings.value })
      .from(factSightings)
      .where(and(eq(factSightings.seasonId, s.seasonId), eq(factSightings.matchId, s.matchId), eq(factSightings.fact, s.fact)))
      .get();
    if (current !== undefined && current.value === s.value) continue;
    db.insert(factSightings)
      .values({ ...s, knownAt: now })
      .onConflictDoUpdate({ target: [factSightings.seasonId, factSightings.matchId, factSightings.fact], set: { value: s.value, knownAt: now } })
      .run();
    written.push({ ...s, knownAt: now });
  }
  return written;
}

/** A season's sightings (one match's with matchId), oldest first. */
export function sightingsOf(db: SyncDb, seasonId: string, matchId?: string): Sighting[] {
  return db
    .select()
    .from(factSightings)
    .where(matchId === undefined ? eq(factSightings.seasonId, seasonId) : and(eq(factSightings.seasonId, seasonId), eq(factSightings.matchId, matchId)))
    .orderBy(asc(factSightings.knownAt), asc(factSightings.matchId), asc(factSightings.fact))
    .all();
}
