import { readFileSync } from 'node:fs';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgDatabase, pgSchema, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg, pendingPgMigrations, PG_MIGRATIONS_FOLDER } from '../../src/db/pg/migrate.js';
import { guildLanguages, userLanguages } from '../../src/db/pg/language-schema.js';
import { freshDatabase, snowflake } from './support.js';

const schemaTables = Object.values(pgSchema)
  .filter((v) => is(v, PgTable))
  .map((t) => getTableConfig(t).name)
  .sort();

const journalTags = (JSON.parse(readFileSync(`${PG_MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);

describe('migrating PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const opened: OpenedPgDatabase[] = [];
  const open = () => {
    const o = openPgDatabase(database.url, { max: 2 });
    opened.push(o);
    return o;
  };

  beforeAll(async () => {
    database = await freshDatabase('migrate');
  });
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
    await database.drop();
  });

  test('an empty database has every migration pending', async () => {
    expect(await pendingPgMigrations(open().pool)).toEqual(journalTags);
  });

  test('four processes migrating one empty database at once: one applies drizzle/pg/, the others find nothing to do', async () => {
    // Separate pools, so separate server sessions, as separate processes would have.
    const results = await Promise.all([open(), open(), open(), open()].map((o) => migratePg(o.pool)));
    const applied = results.map((r) => r.applied);
    expect(journalTags[0]).toBe('0000_init');
    expect(applied.filter((a) => a.length > 0)).toEqual([journalTags]);
    expect(applied.filter((a) => a.length === 0)).toHaveLength(3);

    const { pool } = open();
    const tables = await pool.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' order by table_name");
    expect(schemaTables.length).toBeGreaterThan(0);
    expect(tables.rows.map((r) => r.table_name)).toEqual(schemaTables);
    const journal = await pool.query('select hash, created_at from drizzle.__drizzle_migrations');
    expect(journal.rows).toHaveLength(journalTags.length);
  });

  test('a second migration run applies nothing, and nothing is pending', async () => {
    expect((await migratePg(open().pool)).applied).toEqual([]);
    expect(await pendingPgMigrations(open().pool)).toEqual([]);
  });

  test('Discord ids above 2^53 come back exactly, as text; a non-id is refused by the database', async () => {
    const { db } = open();
    const id = snowflake(987_654_321);
    expect(BigInt(id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    await db.insert(userLanguages).values({ userId: id, language: 'fr', updatedAt: new Date() });
    const [row] = await db.select().from(userLanguages);
    expect(row?.userId).toBe(id);
    expect(row?.updatedAt).toBeInstanceOf(Date);
    await expect(db.insert(guildLanguages).values({ guildId: '12ab', language: 'fr', chosenBy: id, updatedAt: new Date() })).rejects.toThrow();
    await expect(db.insert(guildLanguages).values({ guildId: '1'.repeat(21), language: 'fr', chosenBy: id, updatedAt: new Date() })).rejects.toThrow();
  });
});
