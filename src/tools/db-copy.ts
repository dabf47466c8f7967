// `npm run db:copy -- --from data/bot.sqlite --to postgres://…`: moves an installation from SQLite to
// PostgreSQL. The target is migrated with the PostgreSQL migrator, then every table is copied in
// foreign-key order inside ONE PostgreSQL transaction (a failure leaves the target as it was), each
// value converted the way the two Drizzle schemas define its column (integer booleans → boolean, ms
// timestamps → timestamptz, JSON text → jsonb). Row counts are compared per table before committing.
// Tables and columns come from the Drizzle schema objects, so a column added to both schemas is copied
// without touching this file. Stop the bot first: rows it writes after the snapshot are not copied.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { and, eq, getTableColumns, getTableName, is, sql, type Column } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteAnnouncements from '../db/announcements-schema.js';
import { pendingMigrations } from '../db/client.js';
import * as sqliteEditing from '../db/editing-schema.js';
import * as sqliteDepartures from '../db/guild-departures-schema.js';
import * as sqliteLanguages from '../db/language-schema.js';
import { describeDatabaseUrl, openPgDatabase, pgSchema, type PgDatabase } from '../db/pg/client.js';
import { migratePg } from '../db/pg/migrate.js';
import * as sqliteSeason from '../db/schema.js';
import { scrubSecrets } from '../log.js';

/** The SQLite schema files drizzle.config.ts reads; their PostgreSQL twins are `pgSchema`. */
export const SQLITE_SCHEMA_MODULES: readonly object[] = [sqliteSeason, sqliteAnnouncements, sqliteLanguages, sqliteDepartures, sqliteEditing];

/** Tables of a SQLite file that are bookkeeping, not data. */
const isBookkeeping = (name: string): boolean => name.startsWith('sqlite_') || name === '__drizzle_migrations';

export interface TableCopy {
  readonly table: string;
  readonly source: number;
  readonly target: number;
}

export interface CopyResult {
  /** In the order they were copied (parents before children). */
  readonly tables: readonly TableCopy[];
  /** PostgreSQL migrations this run applied to the target. */
  readonly migrationsApplied: readonly string[];
}

export interface CopyOptions {
  /** The SQLite file. Opened read-only; never changed. */
  readonly from: string;
  /** postgres://… (its password is never printed). */
  readonly to: string;
  /** Empty the target's tables first instead of refusing a target that holds rows. */
  readonly force?: boolean;
  /** Rows per INSERT (bounded further by PostgreSQL's 65,535 parameters per statement). */
  readonly batchSize?: number;
}

/** The target already holds data and --force was not given: nothing was changed. */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: readonly TableCopy[]) {
    super(
      `The target database already holds rows (${tables.map((t) => `${t.table}: ${t.target}`).join(', ')}). ` +
        'Nothing was copied. Copy into an empty database, or pass --force to replace what it holds.',
    );
    this.name = 'TargetNotEmptyError';
  }
}

interface TablePair {
  readonly name: string;
  /** Database column name → the SQLite column (reads and converts the stored value). */
  readonly sqliteColumns: ReadonlyMap<string, Column>;
  readonly pg: PgTable;
  /** Database column name → the key Drizzle's insert takes for that PostgreSQL column. */
  readonly pgKeys: ReadonlyMap<string, string>;
  /** Identity columns: their sequences must continue after the copied ids. */
  readonly identityColumns: readonly string[];
  /** Primary key columns (database names), to set the deferred columns row by row. */
  readonly primaryKey: readonly string[];
  /**
   * Nullable foreign-key columns that close a cycle (seasons.champion_team_id → teams, whose rows
   * belong to a season): inserted as NULL, set once every table is copied.
   */
  readonly deferredColumns: readonly string[];
}

const byDbName = (table: SQLiteTable | PgTable): Map<string, { key: string; column: Column }> =>
  new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, { key, column }]));

/** Each SQLite table of the schema with its PostgreSQL twin, parents before children. */
export function tablePairs(): TablePair[] {
  const sqliteTables = new Map<string, SQLiteTable>();
  for (const value of SQLITE_SCHEMA_MODULES.flatMap((m) => Object.values(m))) {
    if (is(value, SQLiteTable)) sqliteTables.set(getTableName(value), value);
  }
  const pgTables = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema)) if (is(value, PgTable)) pgTables.set(getTableName(value), value);

  const problems: string[] = [];
  const pairs = new Map<string, TablePair>();
  for (const [name, lite] of sqliteTables) {
    const post = pgTables.get(name);
    if (post === undefined) {
      problems.push(`${name} has no PostgreSQL twin`);
      continue;
    }
    const liteColumns = byDbName(lite);
    const postColumns = byDbName(post);
    const missing = [...liteColumns.keys()].filter((c) => !postColumns.has(c));
    const extra = [...postColumns.keys()].filter((c) => !liteColumns.has(c));
    if (missing.length > 0 || extra.length > 0) {
      problems.push(`${name}: columns only in SQLite [${missing.join(', ')}], only in PostgreSQL [${extra.join(', ')}]`);
      continue;
    }
    pairs.set(name, {
      name,
      sqliteColumns: new Map([...liteColumns].map(([db, { column }]) => [db, column])),
      pg: post,
      pgKeys: new Map([...postColumns].map(([db, { key }]) => [db, key])),
      identityColumns: [...postColumns].filter(([, { column }]) => column.generatedIdentity !== undefined).map(([db]) => db),
      primaryKey: primaryKeyOf(post),
      deferredColumns: [],
    });
  }
  for (const name of pgTables.keys()) if (!sqliteTables.has(name)) problems.push(`${name} exists only in the PostgreSQL schema`);
  if (problems.length > 0) throw new Error(`The SQLite and PostgreSQL schemas differ, so a copy would lose data: ${problems.join('; ')}.`);
  return inDependencyOrder(pairs);
}

const primaryKeyOf = (table: PgTable): string[] => {
  const config = pgTableConfig(table);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name);
  return composite ?? config.columns.filter((c) => c.primary).map((c) => c.name);
};

interface ForeignKeyEdge {
  readonly child: string;
  readonly parent: string;
  /** The edge's local columns that may be NULL: setting them NULL lifts the constraint (MATCH SIMPLE). */
  readonly nullable: readonly string[];
}

interface Orderable {
  readonly name: string;
  readonly pg: PgTable;
}

const foreignKeyEdges = (pairs: ReadonlyMap<string, Orderable>): ForeignKeyEdge[] =>
  [...pairs.values()].flatMap((pair) =>
    pgTableConfig(pair.pg).foreignKeys.flatMap((fk) => {
      const reference = fk.reference();
      const parent = getTableName(reference.foreignTable);
      if (parent === pair.name || !pairs.has(parent)) return [];
      return [{ child: pair.name, parent, nullable: reference.columns.filter((c) => !c.notNull).map((c) => c.name) }];
    }),
  );

/** A cycle of edges (child → parent → … → child) among `edges`, or null. */
const findCycle = (names: readonly string[], edges: readonly ForeignKeyEdge[]): ForeignKeyEdge[] | null => {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: ForeignKeyEdge[] = [];
  const visit = (name: string): ForeignKeyEdge[] | null => {
    state.set(name, 'visiting');
    for (const edge of edges.filter((e) => e.child === name)) {
      if (state.get(edge.parent) === 'visiting') return [...path.slice(path.findIndex((e) => e.child === edge.parent)), edge];
      if (state.get(edge.parent) === 'done') continue;
      path.push(edge);
      const cycle = visit(edge.parent);
      if (cycle !== null) return cycle;
      path.pop();
    }
    state.set(name, 'done');
    return null;
  };
  for (const name of names) {
    if (state.has(name)) continue;
    const cycle = visit(name);
    if (cycle !== null) return cycle;
  }
  return null;
};

/**
 * Parents before children, by the PostgreSQL foreign keys (a table referencing itself is allowed). A
 * cycle is broken at a foreign key with a nullable column: that column is copied afterwards.
 */
export const inDependencyOrder = <T extends Orderable>(pairs: ReadonlyMap<string, T>): (T & { deferredColumns: string[] })[] => {
  // Alphabetical, so the order is the same on every run.
  const names = [...pairs.keys()].sort();
  let edges = foreignKeyEdges(pairs);
  const deferred = new Map<string, Set<string>>();
  for (let cycle = findCycle(names, edges); cycle !== null; cycle = findCycle(names, edges)) {
    const breakable = cycle.find((edge) => edge.nullable.length > 0);
    if (breakable === undefined) throw new Error(`Foreign keys form a cycle with no nullable column (${cycle.map((e) => e.child).join(' → ')}): no copy order exists.`);
    const columns = deferred.get(breakable.child) ?? new Set<string>();
    for (const column of breakable.nullable) columns.add(column);
    deferred.set(breakable.child, columns);
    edges = edges.filter((edge) => edge !== breakable);
  }
  const ordered: (T & { deferredColumns: string[] })[] = [];
  const placed = new Set<string>();
  const place = (name: string): void => {
    if (placed.has(name)) return;
    placed.add(name);
    for (const edge of edges) if (edge.child === name) place(edge.parent);
    const pair = pairs.get(name) as T;
    ordered.push({ ...pair, deferredColumns: [...(deferred.get(name) ?? [])] });
  };
  for (const name of names) place(name);
  return ordered;
};

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

const openSource = (path: string): Database.Database => {
  if (!existsSync(path)) throw new Error(`There is no SQLite database at ${path}.`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (err) {
    throw new Error(`Cannot open the SQLite database at ${path}: ${(err as Error).message}`, { cause: err });
  }
  return sqlite;
};

/** Every table of the file must be one the schema knows: a table this tool would skip is a lost table. */
const checkSource = (sqlite: Database.Database, path: string, pairs: readonly TablePair[]): void => {
  const pending = pendingMigrations(sqlite);
  if (pending.length > 0) {
    throw new Error(
      `The SQLite database at ${path} is behind this version's schema (migrations pending: ${pending.join(', ')}). ` +
        'Start the bot (or `npm run data:import`) on it once with this version, which migrates it, then copy.',
    );
  }
  const known = new Set(pairs.map((p) => p.name));
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const unknown = tables.filter((t) => !isBookkeeping(t) && !known.has(t));
  if (unknown.length > 0) throw new Error(`The SQLite database at ${path} has tables the schema does not know (${unknown.join(', ')}); refusing to copy part of it.`);
};

type Executor = Pick<PgDatabase, 'execute' | 'insert' | 'update'>;

const countTarget = async (db: Executor, table: string): Promise<number> => {
  const result = await db.execute<{ n: string }>(sql.raw(`select count(*) as n from ${quote(table)}`));
  return Number(result.rows[0]?.n ?? 0);
};

/** Copies one table's rows in batches; returns how many it inserted. */
async function copyTable(sqlite: Database.Database, tx: Executor, pair: TablePair, batchSize: number): Promise<number> {
  const columns = [...pair.sqliteColumns.keys()];
  const perInsert = Math.max(1, Math.min(batchSize, Math.floor(60_000 / columns.length)));
  const select = sqlite.prepare(`select ${columns.map(quote).join(', ')} from ${quote(pair.name)} order by rowid`).raw(true);
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await tx.insert(pair.pg).values(batch);
    copied += batch.length;
    batch = [];
  };
  for (const raw of select.iterate() as IterableIterator<unknown[]>) {
    const row: Record<string, unknown> = {};
    columns.forEach((dbName, i) => {
      const stored = raw[i];
      const column = pair.sqliteColumns.get(dbName) as Column;
      // Drizzle's own reading of the SQLite value (Date, boolean, parsed JSON); its PostgreSQL
      // column then writes it as timestamptz, boolean or jsonb on insert. NULL stays NULL.
      const deferred = pair.deferredColumns.includes(dbName);
      row[pair.pgKeys.get(dbName) as string] = deferred || stored === null || stored === undefined ? null : column.mapFromDriverValue(stored);
    });
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  return copied;
}

/** Sets the columns copied as NULL to break a foreign-key cycle, now that their parents are there. */
async function copyDeferredColumns(sqlite: Database.Database, tx: Executor, pair: TablePair): Promise<void> {
  if (pair.deferredColumns.length === 0) return;
  if (pair.primaryKey.length === 0) throw new Error(`${pair.name} has no primary key to set ${pair.deferredColumns.join(', ')} by.`);
  const columns = [...pair.primaryKey, ...pair.deferredColumns];
  const notNull = pair.deferredColumns.map((c) => `${quote(c)} is not null`).join(' or ');
  const rows = sqlite.prepare(`select ${columns.map(quote).join(', ')} from ${quote(pair.name)} where ${notNull}`).raw(true).all() as unknown[][];
  const pgColumns = getTableColumns(pair.pg);
  const read = (dbName: string, stored: unknown): unknown =>
    stored === null || stored === undefined ? null : (pair.sqliteColumns.get(dbName) as Column).mapFromDriverValue(stored);
  for (const raw of rows) {
    const set = Object.fromEntries(pair.deferredColumns.map((c, i) => [pair.pgKeys.get(c) as string, read(c, raw[pair.primaryKey.length + i])]));
    const where = and(...pair.primaryKey.map((c, i) => eq(pgColumns[pair.pgKeys.get(c) as string] as Column, read(c, raw[i]))));
    await tx.update(pair.pg).set(set).where(where);
  }
}

/** Copies the SQLite database `from` into the PostgreSQL database `to` (see the top of this file). */
export async function copySqliteToPostgres(opts: CopyOptions): Promise<CopyResult> {
  const pairs = tablePairs();
  const sqlite = openSource(opts.from);
  const target = openPgDatabase(opts.to, { max: 2, applicationName: 'caf-confed-bot db:copy' });
  try {
    checkSource(sqlite, opts.from, pairs);
    const { applied } = await migratePg(target.pool);
    // One read transaction: every table is read from the same snapshot, even if the bot writes meanwhile.
    sqlite.exec('begin');
    const sourceCounts = new Map(pairs.map((p) => [p.name, (sqlite.prepare(`select count(*) as n from ${quote(p.name)}`).get() as { n: number }).n]));
    const tables = await target.db.transaction(async (tx) => {
      const existing: TableCopy[] = [];
      for (const pair of pairs) {
        const rows = await countTarget(tx, pair.name);
        if (rows > 0) existing.push({ table: pair.name, source: sourceCounts.get(pair.name) ?? 0, target: rows });
      }
      if (existing.length > 0 && opts.force !== true) throw new TargetNotEmptyError(existing);
      if (existing.length > 0) await tx.execute(sql.raw(`truncate table ${pairs.map((p) => quote(p.name)).join(', ')} restart identity cascade`));

      const copies: TableCopy[] = [];
      for (const pair of pairs) {
        await copyTable(sqlite, tx, pair, opts.batchSize ?? 1000);
        for (const column of pair.identityColumns) {
          // The next id PostgreSQL hands out follows the copied ones (is_called = false: max + 1 is next).
          await tx.execute(
            sql.raw(
              `select setval(pg_get_serial_sequence('${quote(pair.name)}', '${column}'), coalesce((select max(${quote(column)}) from ${quote(pair.name)}), 0) + 1, false)`,
            ),
          );
        }
        copies.push({ table: pair.name, source: sourceCounts.get(pair.name) ?? 0, target: await countTarget(tx, pair.name) });
      }
      for (const pair of pairs) await copyDeferredColumns(sqlite, tx, pair);
      const wrong = copies.filter((c) => c.source !== c.target);
      if (wrong.length > 0) throw new Error(`Row counts differ after the copy (${wrong.map((c) => `${c.table}: ${c.source} → ${c.target}`).join(', ')}); nothing was committed.`);
      return copies;
    });
    return { tables, migrationsApplied: applied };
  } finally {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    sqlite.close();
    await target.close();
  }
}

/** A message that may be printed: no URL credentials, and not the password even if a library quoted it bare. */
const printable = (text: string, url: string): string => {
  let out = scrubSecrets(text);
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password.length > 0) out = out.replaceAll(password, '[redacted]');
  } catch {
    // Not a URL: nothing more to hide than scrubSecrets found.
  }
  return out;
};

const USAGE = 'Usage: npm run db:copy -- --from data/bot.sqlite --to postgres://user@host:5432/db [--force]\n' +
  '  (the password may come from PGPASSWORD instead of the URL, keeping it out of the shell history)\n';

/** The command line; returns the exit code. `out`/`err` are parameters so a test can read what is printed. */
export async function main(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let values: { from?: string; to?: string; force?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { from, to } = values;
  if (from === undefined || to === undefined || !/^postgres(ql)?:\/\//.test(to)) {
    err.write(`db:copy needs --from <SQLite file> and --to <postgres:// URL>.\n${USAGE}`);
    return 2;
  }
  const shownTarget = describeDatabaseUrl(to);
  out.write(`Copying ${from} into ${shownTarget}${values.force === true ? ' (--force: replacing what it holds)' : ''}…\n`);
  const started = Date.now();
  try {
    const result = await copySqliteToPostgres({ from, to, force: values.force === true });
    if (result.migrationsApplied.length > 0) out.write(`Migrated the target: ${result.migrationsApplied.join(', ')}.\n`);
    const width = Math.max(5, ...result.tables.map((t) => t.table.length));
    out.write(`  ${'table'.padEnd(width)}  ${'SQLite'.padStart(8)}  ${'PostgreSQL'.padStart(10)}\n`);
    for (const t of result.tables) out.write(`  ${t.table.padEnd(width)}  ${String(t.source).padStart(8)}  ${String(t.target).padStart(10)}\n`);
    const rows = result.tables.reduce((sum, t) => sum + t.target, 0);
    out.write(`Copied ${result.tables.length} tables, ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; every table's row count matches.\n`);
    return 0;
  } catch (error) {
    err.write(`db:copy from ${from} to ${shownTarget} failed: ${printable((error as Error).message, to)}\n`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2), process.stdout, process.stderr);
