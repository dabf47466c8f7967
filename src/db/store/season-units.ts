// The season data's units of work, written once for both engines. A unit is a generator that yields
// the repository calls it needs (`yield* call('liveOverrides', id)`) and returns its result; a driver
// runs it: synchronously on better-sqlite3 (inside one of its synchronous transactions), or awaiting
// each call on PostgreSQL (inside `db.transaction(async tx => …)`). So an import with the editors'
// overrides, a confirm or an undo is one transaction on either engine, with one copy of its logic.
import { createHash } from 'node:crypto';
import type { KnownFacts } from '../../domain/announcements.js';
import { applyOverrides, notableConflicts, sameValue, type Override, type OverrideConflict } from '../../domain/overrides.js';
import type { Match, Season } from '../../domain/types.js';
import { parseSeason } from '../../season/parse.js';
import { seasonToFile } from '../../season/write.js';
import type { JournalRow, NewJournalRow, SeasonBase, Sighting, StoredOverride } from '../editing.js';
import type { SeasonBaseOrigin } from '../editing-schema.js';
import { SOURCE_HASH_PREFIX, type ImportSummary } from '../import.js';
import type { DataVersion, StoredSeason } from '../season-repo.js';

/** The repository calls a unit may make: today's synchronous functions of src/db/*.ts minus `db`. */
export interface SeasonRepo {
  importSeason(season: Season, hash: string, now: Date): ImportSummary;
  lastImport(seasonId?: string, opts?: { readonly fileOnly?: boolean }): ImportSummary | null;
  isSeasonStored(seasonId: string): boolean;
  removeSeasonsExcept(keep: readonly string[]): string[];
  dataVersion(seasonId?: string): DataVersion | null;
  storedSeasons(): StoredSeason[];
  loadSeason(seasonId?: string): Season;
  readKnownFacts(seasonId: string): KnownFacts;
  /** The newest import of each stored season, as one comparable string ("" when none). */
  dataSignature(): string;

  writeBase(seasonId: string, origin: SeasonBaseOrigin, body: Record<string, unknown>, now: Date): boolean;
  readBase(seasonId: string): SeasonBase | null;
  editorSeasonIds(): string[];
  liveOverrides(seasonId: string): StoredOverride[];
  overridesOfEntry(journalId: number): StoredOverride[];
  journalEntry(id: number): JournalRow | null;
  journalOf(seasonId: string | null, opts?: { readonly matchId?: string | null; readonly limit?: number }): JournalRow[];
  dependentsOf(entryId: number): JournalRow[];
  recordChange(entry: NewJournalRow, overrides: readonly { readonly matchId: string; readonly field: string; readonly value: unknown }[]): JournalRow;
  recordUndo(entry: Omit<NewJournalRow, 'action' | 'undoes'> & { readonly undoes: number }): JournalRow;
  recordSightings(sightings: readonly Omit<Sighting, 'knownAt'>[], now: Date): Sighting[];
  sightingsOf(seasonId: string, matchId?: string): Sighting[];
}

/** The same calls, awaited: the PostgreSQL repository. */
export type AsyncSeasonRepo = { readonly [K in keyof SeasonRepo]: (...args: Parameters<SeasonRepo[K]>) => Promise<ReturnType<SeasonRepo[K]>> };

/** One call a unit asks its driver to make. */
export interface Step {
  readonly op: string;
  readonly args: readonly unknown[];
}

export type Unit<T> = Generator<Step, T, unknown>;

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** `yield* on<Ops>()('name', ...args)`: one call of an ops object, typed by that object. */
export const on =
  <O>() =>
  // A generator cannot be an arrow function.
  function* <K extends keyof O & string>(op: K, ...args: ArgsOf<O[K]>): Generator<Step, ResultOf<O[K]>, unknown> {
    return (yield { op, args }) as ResultOf<O[K]>;
  };

/** A repository call inside a unit. */
export const call = on<SeasonRepo>();

const invoke = (target: object, step: Step): unknown => {
  const fn = (target as Record<string, unknown>)[step.op];
  if (typeof fn !== 'function') throw new Error(`no operation ${step.op}`);
  return (fn as (...a: unknown[]) => unknown).apply(target, [...step.args]);
};

/** Runs a unit against synchronous operations (SQLite); a call that returns a promise is a bug. */
export function runSync<T>(unit: Unit<T>, target: object): T {
  let next = unit.next();
  while (next.done !== true) {
    let value: unknown;
    try {
      value = invoke(target, next.value);
      if (value instanceof Promise) throw new Error(`${next.value.op} is asynchronous: this unit runs synchronously`);
    } catch (err) {
      next = unit.throw(err);
      continue;
    }
    next = unit.next(value);
  }
  return next.value;
}

/** Runs a unit against asynchronous operations (PostgreSQL), one call at a time. */
export async function runAsync<T>(unit: Unit<T>, target: object): Promise<T> {
  let next = unit.next();
  while (next.done !== true) {
    let value: unknown;
    try {
      value = await invoke(target, next.value);
    } catch (err) {
      next = unit.throw(err);
      continue;
    }
    next = unit.next(value);
  }
  return next.value;
}

/** An import with the editors' live overrides on top of its base. */
export interface OverrideImport {
  readonly summary: ImportSummary;
  /** Where a base value differs from a live override (the override kept). */
  readonly conflicts: readonly OverrideConflict[];
  /** The season as imported (base + overrides). */
  readonly season: Season;
}

export interface BaseSeason {
  readonly season: Season;
  readonly origin: SeasonBaseOrigin;
  readonly hash: string;
}

/** The stored override rows as the domain's overrides. */
export const domainOverrides = (rows: readonly StoredOverride[]): Override[] =>
  rows.map((r) => ({ season: r.seasonId, match: r.matchId, field: r.field, value: r.value, journal: String(r.journalId) }) as Override);

/** The hash an import after an edit records: a source-style hash (`source:`), so an unchanged file does not re-import over it at the next start. */
const editHash = (baseHash: string, overrides: readonly StoredOverride[]): string =>
  `${SOURCE_HASH_PREFIX}${createHash('sha256')
    .update(`${baseHash}\u0000${overrides.map((o) => o.id).join(',')}`)
    .digest('hex')}`;

/** Fingerprints of a match's result and of each of its goals: what a sighting records. */
export const matchFacts = (match: Match): { fact: string; value: string }[] => {
  const facts: { fact: string; value: string }[] = [];
  const decided = match.status === 'played' || match.status === 'awarded' || match.status === 'walkover';
  if (decided) {
    facts.push({ fact: 'result', value: JSON.stringify([match.status, match.score, match.extraTime, match.penalties, match.decision?.winner ?? null]) });
  }
  for (const goal of match.goals) facts.push({ fact: `goal:${goalKey(goal)}`, value: JSON.stringify([goal.team, goal.player, goal.minute, goal.type]) });
  return facts;
};

/** A goal's key among its match's goals: its team, minute and scorer (a corrected scorer is a new goal). */
export const goalKey = (goal: Match['goals'][number]): string => `${goal.team}|${goal.minute ?? ''}|${goal.player ?? ''}`;

/** The results and goals `after` has that `before` did not (or had otherwise): the facts to record as seen now. */
export const newFacts = (before: Season, after: Season): { seasonId: string; matchId: string; fact: string; value: string }[] => {
  const old = new Map(before.matches.map((m) => [m.id, m] as const));
  return after.matches.flatMap((match) => {
    const previous = old.get(match.id);
    const known = new Map((previous === undefined ? [] : matchFacts(previous)).map((f) => [f.fact, f.value] as const));
    return matchFacts(match)
      .filter((f) => !sameValue(known.get(f.fact), f.value))
      .map((f) => ({ seasonId: after.id, matchId: match.id, ...f }));
  });
};

/** A season's base as a domain Season (parsed with the season file's rules). */
export function* readBaseSeason(seasonId: string): Unit<BaseSeason | null> {
  const base = yield* call('readBase', seasonId);
  if (base === null) return null;
  return { season: parseSeason(base.body, `season base ${seasonId}`).season, origin: base.origin, hash: base.hash };
}

/**
 * A season's base; a season imported before bases existed gets one from its stored rows (no
 * override existed then, so they are the base), from its file or its source as the last import says.
 */
export function* ensureBase(seasonId: string, now: Date): Unit<BaseSeason> {
  const existing = yield* readBaseSeason(seasonId);
  if (existing !== null) return existing;
  const season = yield* call('loadSeason', seasonId);
  const last = yield* call('lastImport', seasonId);
  const origin: SeasonBaseOrigin = last?.hash.startsWith(SOURCE_HASH_PREFIX) === true ? 'source' : 'file';
  yield* call('writeBase', seasonId, origin, seasonToFile(season) as Record<string, unknown>, now);
  const written = yield* call('readBase', seasonId);
  return { season, origin, hash: written?.hash ?? '' };
}

/**
 * Imports a season as its base (file, source or editor) with the live overrides on top, and keeps
 * the base (origin null: the base stays as it is).
 */
export function* importWithOverrides(base: Season, origin: SeasonBaseOrigin | null, hash: string, now: Date): Unit<OverrideImport> {
  if (origin !== null) yield* call('writeBase', base.id, origin, seasonToFile(base) as Record<string, unknown>, now);
  const live = yield* call('liveOverrides', base.id);
  const merged = applyOverrides(base, domainOverrides(live));
  const summary = yield* call('importSeason', merged.season, hash, now);
  return { summary, conflicts: merged.conflicts, season: merged.season };
}

/**
 * Imports a season file (base + live overrides) unless the season's last file import was this very
 * content and the season is still stored: first start, the file changed, or the season's rows were
 * removed. Null when nothing was imported.
 */
export function* importFileIfChanged(fromFile: { readonly season: Season; readonly hash: string }, now: Date): Unit<OverrideImport | null> {
  const { season, hash } = fromFile;
  const last = yield* call('lastImport', season.id, { fileOnly: true });
  if (last !== null && last.hash === hash && (yield* call('isSeasonStored', season.id))) return null;
  return yield* importWithOverrides(season, 'file', hash, now);
}

/**
 * A source's update of a season: recorded as `source:<hash>`, its base kept, the overrides on top;
 * a result or goal it brings is known from `now` (the full-time and goal posts read it).
 */
export function* importFromSource(before: Season, update: Season, hash: string, now: Date): Unit<OverrideImport> {
  const recorded = hash.startsWith(SOURCE_HASH_PREFIX) ? hash : `${SOURCE_HASH_PREFIX}${hash}`;
  const imported = yield* importWithOverrides(update, 'source', recorded, now);
  yield* call('recordSightings', newFacts(before, imported.season), now);
  return imported;
}

/** A season again from its base and its live overrides (after an edit or an undo). */
export function* reimport(seasonId: string, now: Date): Unit<OverrideImport> {
  const base = yield* ensureBase(seasonId, now);
  const live = yield* call('liveOverrides', seasonId);
  return yield* importWithOverrides(base.season, null, editHash(base.hash, live), now);
}

/** An editor's season, from its base and overrides (its rows were removed, or a fresh copy of the database). */
export function* importEditorSeason(seasonId: string, now: Date): Unit<boolean> {
  const base = yield* readBaseSeason(seasonId);
  if (base === null) return false;
  yield* importWithOverrides(base.season, null, `${SOURCE_HASH_PREFIX}${base.hash}`, now);
  return true;
}

/** The content hash of each stored season's latest import from its file, to the season's id. */
export function* importedFileHashes(): Unit<Map<string, string>> {
  const byHash = new Map<string, string>();
  for (const stored of yield* call('storedSeasons')) {
    const hash = (yield* call('lastImport', stored.id, { fileOnly: true }))?.hash;
    if (hash !== undefined) byHash.set(hash, stored.id);
  }
  return byHash;
}

/** One stored season as served: its rows rebuilt, when its facts were seen, its data version. */
export interface LoadedSeason {
  readonly stored: StoredSeason;
  readonly season: Season;
  readonly facts: KnownFacts;
}

/** Every stored season, loaded (run in one read transaction: an import elsewhere cannot split it). */
export function* loadAll(): Unit<LoadedSeason[]> {
  const loaded: LoadedSeason[] = [];
  for (const stored of yield* call('storedSeasons')) {
    const season = yield* call('loadSeason', stored.id);
    const facts = yield* call('readKnownFacts', stored.id);
    loaded.push({ stored, season, facts });
  }
  return loaded;
}

/** notableConflicts with the journal's before-values. */
export function* notableSourceConflicts(all: readonly OverrideConflict[]): Unit<OverrideConflict[]> {
  if (all.length === 0) return [];
  const befores = new Map<string, Record<string, unknown> | null>();
  for (const c of all) {
    if (!befores.has(c.journal)) befores.set(c.journal, (yield* call('journalEntry', Number(c.journal)))?.before ?? null);
  }
  return notableConflicts(all, (journal, field) => {
    const before = befores.get(journal);
    return before !== null && before !== undefined && Object.hasOwn(before, field) ? before[field] : undefined;
  });
}

/** Every stored season's live overrides: for readers that apply them to a season file. */
export function* overridesBySeason(): Unit<Map<string, Override[]>> {
  const out = new Map<string, Override[]>();
  for (const stored of yield* call('storedSeasons')) out.set(stored.id, domainOverrides(yield* call('liveOverrides', stored.id)));
  return out;
}

/** An editor's change confirmed: the journal row and its overrides, the season re-imported, what it brings seen now. */
export function* confirmChange(
  before: Season | undefined,
  entry: NewJournalRow,
  overrides: readonly { readonly matchId: string; readonly field: string; readonly value: unknown }[],
  now: Date,
): Unit<{ readonly row: JournalRow; readonly imported: OverrideImport }> {
  yield* ensureBase(entry.seasonId, now);
  const row = yield* call('recordChange', entry, overrides);
  const imported = yield* reimport(entry.seasonId, now);
  if (before !== undefined) yield* call('recordSightings', newFacts(before, imported.season), now);
  return { row, imported };
}

/** A season an editor starts (`/edit season new`): its base, the journal row, its first import. */
export function* startSeason(entry: NewJournalRow, body: Record<string, unknown>, now: Date): Unit<JournalRow> {
  yield* call('writeBase', entry.seasonId, 'editor', body, now);
  const row = yield* call('recordChange', entry, []);
  const base = yield* readBaseSeason(entry.seasonId);
  if (base === null) throw new Error('the new season base was not written');
  yield* call('importSeason', base.season, `${SOURCE_HASH_PREFIX}${base.hash}`, now);
  return row;
}

/** An entry undone: the undo row, its overrides retired, the season re-imported; a result put back is seen again now. */
export function* undoChange(
  before: Season | undefined,
  entry: Omit<NewJournalRow, 'action' | 'undoes'> & { readonly undoes: number },
  now: Date,
): Unit<{ readonly row: JournalRow; readonly imported: OverrideImport }> {
  const row = yield* call('recordUndo', entry);
  const imported = yield* reimport(entry.seasonId, now);
  if (before !== undefined) yield* call('recordSightings', newFacts(before, imported.season), now);
  return { row, imported };
}
