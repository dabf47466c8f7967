import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { getTableName, is } from 'drizzle-orm';
import { pgTable, text, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { markDeparted } from '../../src/db/guild-departures.js';
import { setSubscription } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { announcementSubscriptions } from '../../src/db/pg/announcements-schema.js';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { planOne } from '../../src/planning/announcements.js';
import { openSeasonStore } from '../../src/season-store.js';
import { copySqliteToPostgres, inDependencyOrder, main, SQLITE_SCHEMA_MODULES, tablePairs, TargetNotEmptyError, type CopyResult } from '../../src/tools/db-copy.js';
import { freshDatabase, snowflake } from './support.js';

// db:copy for real: a SQLite database migrated and imported by the bot's own start path, with
// announcement settings and planned posts, copied into a new PostgreSQL database.

const dir = mkdtempSync(join(tmpdir(), 'caf-db-copy-'));
const source = join(dir, 'bot.sqlite');
const T0 = Date.parse('2023-11-01T10:00:00Z');

/** A value with object keys sorted at every level (jsonb keeps its own key order), Dates as ISO strings. */
const canonical = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
};

/** Every row of a table, as Drizzle reads it (Dates, booleans, parsed JSON), in a stable order. */
const contents = async (rows: Promise<Record<string, unknown>[]> | Record<string, unknown>[]): Promise<string[]> =>
  (await rows).map((row) => JSON.stringify(canonical(row))).sort();

const capture = () => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
};

describe('npm run db:copy (SQLite → PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let target: OpenedPgDatabase;
  let first: CopyResult;
  const sourceCounts = new Map<string, number>();

  beforeAll(async () => {
    const store = openSeasonStore({ databasePath: source });
    try {
      const season = store.season();
      for (let c = 0; c < 30; c += 1) {
        const row = setSubscription(
          store.db,
          { guildId: snowflake(100 + (c % 3)), channelId: snowflake(1000 + c), roleId: c % 2 === 0 ? snowflake(5000 + c) : null, leadsMs: [86_400_000, 3_600_000], recap: c % 4 !== 0 },
          T0,
        );
        planOne(store.db, season, row, T0);
      }
      const languages = createLanguageStore(store.db);
      languages.setUser(snowflake(7), 'fr', T0);
      languages.setServer(snowflake(100), 'ar', snowflake(8), T0);
      markDeparted(store.db, snowflake(102), T0 + 5_000);
    } finally {
      store.close();
    }
    const sqlite = new Database(source, { readonly: true });
    for (const pair of tablePairs()) sourceCounts.set(pair.name, (sqlite.prepare(`select count(*) as n from "${pair.name}"`).get() as { n: number }).n);
    sqlite.close();

    database = await freshDatabase('copy');
    target = openPgDatabase(database.url, { max: 2 });
    first = await copySqliteToPostgres({ from: source, to: database.url, batchSize: 97 });
  });
  afterAll(async () => {
    await target?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the source has rows in the tables that matter (so the comparisons below can fail)', () => {
    for (const table of ['matches', 'teams', 'goals', 'announcement_subscriptions', 'announcement_outbox', 'user_languages', 'guild_departures']) {
      expect(sourceCounts.get(table), table).toBeGreaterThan(0);
    }
    expect(sourceCounts.get('announcement_outbox')).toBeGreaterThan(100); // several INSERT batches of 97
  });

  test('migrates the empty target, copies every table of the schema, parents first, and the counts match', () => {
    expect(first.migrationsApplied.length).toBeGreaterThan(0);
    expect(first.tables.map((t) => t.table).sort()).toEqual([...sourceCounts.keys()].sort());
    for (const t of first.tables) expect(t, t.table).toEqual({ table: t.table, source: sourceCounts.get(t.table), target: sourceCounts.get(t.table) });
    const order = first.tables.map((t) => t.table);
    const before = (parent: string, child: string) => expect(order.indexOf(parent), `${parent} before ${child}`).toBeLessThan(order.indexOf(child));
    before('teams', 'matches');
    before('matches', 'goals');
    before('announcement_subscriptions', 'announcement_outbox');
    before('seasons', 'ranking_criteria');
  });

  test('every row of every table reads back the same from PostgreSQL as from SQLite (booleans, times, JSON, ids)', async () => {
    const sqlite = new Database(source, { readonly: true });
    const lite = sqliteDrizzle({ client: sqlite });
    try {
      const pgTables = new Map(tablePairs().map((p) => [p.name, p.pg]));
      let compared = 0;
      for (const value of SQLITE_SCHEMA_MODULES.flatMap((m) => Object.values(m))) {
        if (!is(value, SQLiteTable)) continue;
        const name = getTableName(value);
        const pgTable = pgTables.get(name);
        expect(pgTable, name).toBeDefined();
        if (pgTable === undefined) continue;
        const fromSqlite = await contents(lite.select().from(value).all() as Record<string, unknown>[]);
        const fromPg = await contents(target.db.select().from(pgTable) as Promise<Record<string, unknown>[]>);
        expect(fromPg, name).toEqual(fromSqlite);
        compared += 1;
      }
      expect(compared).toBe(sourceCounts.size);
    } finally {
      sqlite.close();
    }
  });

  test('a few values by hand: a Discord id above 2^53, a JSON list, a boolean and a time', async () => {
    const [sub] = await target.db.select().from(announcementSubscriptions).orderBy(announcementSubscriptions.id).limit(1);
    expect(sub?.guildId).toBe(snowflake(100));
    expect(sub?.roleId).toBe(snowflake(5000));
    expect(sub?.leadsMs).toEqual([86_400_000, 3_600_000]);
    expect(sub?.results).toBe('off');
    expect(sub?.goals).toBe(false);
    expect(sub?.activeFrom.toISOString()).toBe(new Date(T0).toISOString());
    const types = await target.pool.query<{ leads: string; goals: string; active_from: string }>(
      "select pg_typeof(leads)::text as leads, pg_typeof(goals)::text as goals, pg_typeof(active_from)::text as active_from from announcement_subscriptions limit 1",
    );
    expect(types.rows[0]).toEqual({ leads: 'jsonb', goals: 'boolean', active_from: 'timestamp with time zone' });
  });

  test('the seasons\' champions read back equal (a season names a team that belongs to it)', async () => {
    const sqlite = new Database(source, { readonly: true });
    const champions = sqlite.prepare('select id, champion_team_id as champion from seasons where champion_team_id is not null order by id').all();
    sqlite.close();
    expect(champions.length).toBeGreaterThan(0);
    const copied = await target.pool.query('select id, champion_team_id as champion from seasons where champion_team_id is not null order by id');
    expect(copied.rows).toEqual(champions);
  });

  test('copy order: a foreign-key cycle is broken at its nullable column (filled last); a cycle without one is refused', () => {
    const leagues = pgTable('leagues', { id: text('id').primaryKey(), championId: text('champion_id').references((): AnyPgColumn => clubs.id) });
    const clubs = pgTable('clubs', { id: text('id').primaryKey(), leagueId: text('league_id').notNull().references(() => leagues.id) });
    const players = pgTable('players', { id: text('id').primaryKey(), clubId: text('club_id').notNull().references(() => clubs.id) });
    const of = (...tables: PgTable[]) => new Map(tables.map((t) => [getTableName(t), { name: getTableName(t), pg: t }]));
    const order = inDependencyOrder(of(players, clubs, leagues));
    expect(order.map((t) => [t.name, t.deferredColumns])).toEqual([['leagues', ['champion_id']], ['clubs', []], ['players', []]]);

    const eggs = pgTable('eggs', { id: text('id').primaryKey(), henId: text('hen_id').notNull().references((): AnyPgColumn => hens.id) });
    const hens = pgTable('hens', { id: text('id').primaryKey(), eggId: text('egg_id').notNull().references(() => eggs.id) });
    expect(() => inDependencyOrder(of(eggs, hens))).toThrow(/a cycle with no nullable column \(.*eggs.*hens.*\)/);
  });

  test('identity sequences continue after the copied ids: the next subscription gets max(id) + 1', async () => {
    const max = await target.pool.query<{ max: number }>('select max(id) as max from announcement_subscriptions');
    const [row] = await target.db
      .insert(announcementSubscriptions)
      .values({ guildId: snowflake(999), channelId: snowflake(9999), leadsMs: [], results: 'round', enabled: true, activeFrom: new Date(T0), createdAt: new Date(T0), updatedAt: new Date(T0) })
      .returning({ id: announcementSubscriptions.id });
    expect(row?.id).toBe(Number(max.rows[0]?.max) + 1);
    await target.pool.query('delete from announcement_subscriptions where id = $1', [row?.id]);
  });

  test('a second copy into the filled target is refused, names the tables that hold rows, and changes nothing', async () => {
    const error = await copySqliteToPostgres({ from: source, to: database.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetNotEmptyError);
    expect((error as Error).message).toMatch(/already holds rows \(.*matches: \d+.*\)\. Nothing was copied\. .*--force/);
    const count = await target.pool.query<{ n: string }>('select count(*) as n from announcement_outbox');
    expect(Number(count.rows[0]?.n)).toBe(sourceCounts.get('announcement_outbox'));
  });

  test('--force replaces what the target holds: the same counts again, not doubled', async () => {
    await target.pool.query("update announcement_subscriptions set disabled_reason = 'edited after the copy' where id = 1");
    const again = await copySqliteToPostgres({ from: source, to: database.url, force: true });
    expect(again.migrationsApplied).toEqual([]);
    for (const t of again.tables) expect(t.target, t.table).toBe(sourceCounts.get(t.table));
    const edited = await target.pool.query("select count(*) as n from announcement_subscriptions where disabled_reason = 'edited after the copy'");
    expect(Number(edited.rows[0]?.n)).toBe(0);
  });

  test('a SQLite file with a table the schema does not know is refused (a copy would silently drop it)', async () => {
    const odd = join(dir, 'odd.sqlite');
    copyFileSync(source, odd);
    const sqlite = new Database(odd);
    sqlite.exec('create table notes_by_hand (x text)');
    sqlite.close();
    const other = await freshDatabase('copyodd');
    try {
      await expect(copySqliteToPostgres({ from: odd, to: other.url })).rejects.toThrow(/tables the schema does not know \(notes_by_hand\)/);
    } finally {
      await other.drop();
    }
  });

  describe('the command line', () => {
    test('prints each table with both counts and the target with its password redacted', async () => {
      const out = capture();
      const err = capture();
      const code = await main(['--from', source, '--to', database.url, '--force'], out.stream, err.stream);
      expect(err.text()).toBe('');
      expect(code).toBe(0);
      const password = new URL(database.url).password;
      expect(password.length).toBeGreaterThan(0);
      expect(out.text()).not.toContain(`:${password}@`);
      expect(out.text()).toContain('into postgres://[redacted]@127.0.0.1:');
      expect(out.text()).toMatch(new RegExp(`\\n  announcement_outbox +${sourceCounts.get('announcement_outbox')} +${sourceCounts.get('announcement_outbox')}\\n`));
      expect(out.text()).toMatch(new RegExp(`Copied ${sourceCounts.size} tables, \\d+ rows in [\\d.]+ s; every table's row count matches\\.`));
    });

    test('without --force on a filled target: exit 1 and the refusal, on stderr', async () => {
      const out = capture();
      const err = capture();
      expect(await main(['--from', source, '--to', database.url], out.stream, err.stream)).toBe(1);
      expect(err.text()).toMatch(/failed: The target database already holds rows/);
    });

    test('a wrong password: exit 1, and neither output carries it', async () => {
      const url = new URL(database.url);
      url.password = 'Wr0ng-Secret-Pa55';
      const out = capture();
      const err = capture();
      expect(await main(['--from', source, '--to', url.toString()], out.stream, err.stream)).toBe(1);
      expect(err.text()).toMatch(/password authentication failed/);
      expect(out.text() + err.text()).not.toContain('Wr0ng-Secret-Pa55');
    });

    test('usage mistakes: exit 2 with the usage line', async () => {
      for (const args of [[], ['--from', source], ['--from', source, '--to', 'mysql://x'], ['--bogus']]) {
        const err = capture();
        expect(await main(args, capture().stream, err.stream), args.join(' ')).toBe(2);
        expect(err.text()).toContain('Usage: npm run db:copy -- --from data/bot.sqlite --to postgres://');
      }
    });
  });
});
