// The editors' tables on PostgreSQL (./editing-schema.ts): the same functions as ../editing.ts,
// async, on a database or a transaction. A function of several statements runs in a transaction of
// its own (a savepoint inside the caller's).
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { hashOfBody, type JournalRow, type NewJournalRow, type SeasonBase, type Sighting, type StoredOverride } from '../editing.js';
import type { SeasonBaseOrigin } from '../editing-schema.js';
import { editJournal, factSightings, seasonBases, seasonOverrides } from './editing-schema.js';
import type { PgConn } from './season-repo.js';

/** Writes (or replaces) a season's base; returns whether it changed. */
export async function writeBasePg(db: PgConn, seasonId: string, origin: SeasonBaseOrigin, body: Record<string, unknown>, now: Date): Promise<boolean> {
  const hash = hashOfBody(body);
  const [current] = await db.select({ hash: seasonBases.hash, origin: seasonBases.origin }).from(seasonBases).where(eq(seasonBases.seasonId, seasonId));
  if (current !== undefined && current.hash === hash && current.origin === origin) return false;
  await db
    .insert(seasonBases)
    .values({ seasonId, origin, body, hash, updatedAt: now })
    .onConflictDoUpdate({ target: seasonBases.seasonId, set: { origin, body, hash, updatedAt: now } });
  return true;
}

export async function readBasePg(db: PgConn, seasonId: string): Promise<SeasonBase | null> {
  const [row] = await db.select().from(seasonBases).where(eq(seasonBases.seasonId, seasonId));
  return row ?? null;
}

export async function editorSeasonIdsPg(db: PgConn): Promise<string[]> {
  const rows = await db.select({ id: seasonBases.seasonId }).from(seasonBases).where(eq(seasonBases.origin, 'editor')).orderBy(asc(seasonBases.seasonId));
  return rows.map((r) => r.id);
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

export async function recordChangePg(
  db: PgConn,
  entry: NewJournalRow,
  overrides: readonly { readonly matchId: string; readonly field: string; readonly value: unknown }[],
): Promise<JournalRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(editJournal).values(entry).returning();
    if (row === undefined) throw new Error('the journal row was not written');
    for (const o of overrides) {
      await tx
        .insert(seasonOverrides)
        .values({ seasonId: entry.seasonId, matchId: o.matchId, field: o.field, value: JSON.stringify(o.value ?? null), journalId: row.id, createdAt: entry.at });
    }
    return { ...row, undoneBy: null };
  });
}

export async function liveOverridesPg(db: PgConn, seasonId: string): Promise<StoredOverride[]> {
  const rows = await db
    .select()
    .from(seasonOverrides)
    .where(and(eq(seasonOverrides.seasonId, seasonId), isNull(seasonOverrides.retiredAt)))
    .orderBy(asc(seasonOverrides.journalId), asc(seasonOverrides.id));
  return rows.map(toOverride);
}

export async function overridesOfEntryPg(db: PgConn, journalId: number): Promise<StoredOverride[]> {
  const rows = await db.select().from(seasonOverrides).where(eq(seasonOverrides.journalId, journalId)).orderBy(asc(seasonOverrides.id));
  return rows.map(toOverride);
}

const undoRows = () => sql<number | null>`(select u.id from edit_journal u where u.undoes = "edit_journal"."id")`;

const journalSelect = (db: PgConn) =>
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

export async function journalEntryPg(db: PgConn, id: number): Promise<JournalRow | null> {
  const [row] = await journalSelect(db).where(eq(editJournal.id, id));
  return row ?? null;
}

export async function journalOfPg(
  db: PgConn,
  seasonId: string | null,
  opts: { readonly matchId?: string | null; readonly limit?: number } = {},
): Promise<JournalRow[]> {
  const conditions = [
    ...(seasonId === null ? [] : [eq(editJournal.seasonId, seasonId)]),
    ...(opts.matchId === undefined || opts.matchId === null ? [] : [eq(editJournal.matchId, opts.matchId)]),
  ];
  const query = journalSelect(db)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(editJournal.id));
  return opts.limit === undefined ? query : query.limit(opts.limit);
}

/** The later entries that stand on one entry (../editing.ts dependentsOf). */
export async function dependentsOfPg(db: PgConn, entryId: number): Promise<JournalRow[]> {
  const own = await overridesOfEntryPg(db, entryId);
  const first = own[0];
  if (first === undefined) return [];
  const ids = new Set<number>();
  for (const o of own) {
    const later = await db
      .select({ journalId: seasonOverrides.journalId })
      .from(seasonOverrides)
      .where(
        and(
          eq(seasonOverrides.seasonId, first.seasonId),
          eq(seasonOverrides.matchId, o.matchId),
          o.field === 'match' ? undefined : eq(seasonOverrides.field, o.field),
          isNull(seasonOverrides.retiredAt),
          gt(seasonOverrides.journalId, entryId),
        ),
      );
    for (const row of later) ids.add(row.journalId);
  }
  if (ids.size === 0) return [];
  return journalSelect(db)
    .where(inArray(editJournal.id, [...ids]))
    .orderBy(desc(editJournal.id));
}

export async function recordUndoPg(db: PgConn, entry: Omit<NewJournalRow, 'action' | 'undoes'> & { readonly undoes: number }): Promise<JournalRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(editJournal)
      .values({ ...entry, action: 'undo' })
      .returning();
    if (row === undefined) throw new Error('the undo row was not written');
    await tx.update(seasonOverrides).set({ retiredAt: entry.at }).where(and(eq(seasonOverrides.journalId, entry.undoes), isNull(seasonOverrides.retiredAt)));
    return { ...row, undoneBy: null };
  });
}

/** Records that facts were seen (../editing.ts recordSightings); returns the sightings written. */
export async function recordSightingsPg(db: PgConn, sightings: readonly Omit<Sighting, 'knownAt'>[], now: Date): Promise<Sighting[]> {
  const written: Sighting[] = [];
  for (const s of sightings) {
    const [current] = await db
      .select({ value: factSightings.value })
      .from(factSightings)
      .where(and(eq(factSightings.seasonId, s.seasonId), eq(factSightings.matchId, s.matchId), eq(factSightings.fact, s.fact)));
    if (current !== undefined && current.value === s.value) continue;
    await db
      .insert(factSightings)
      .values({ ...s, knownAt: now })
      .onConflictDoUpdate({ target: [factSightings.seasonId, factSightings.matchId, factSightings.fact], set: { value: s.value, knownAt: now } });
    written.push({ ...s, knownAt: now });
  }
  return written;
}

export async function sightingsOfPg(db: PgConn, seasonId: string, matchId?: string): Promise<Sighting[]> {
  return db
    .select()
    .from(factSightings)
    .where(matchId === undefined ? eq(factSightings.seasonId, seasonId) : and(eq(factSightings.seasonId, seasonId), eq(factSightings.matchId, matchId)))
    .orderBy(asc(factSightings.knownAt), asc(factSightings.matchId), asc(factSightings.fact));
}
