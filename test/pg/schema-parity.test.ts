import { readFileSync } from 'node:fs';
import { is } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import * as sqliteAnnouncements from '../../src/db/announcements-schema.js';
import * as sqliteDepartures from '../../src/db/guild-departures-schema.js';
import * as sqliteEditing from '../../src/db/editing-schema.js';
import * as sqliteLanguages from '../../src/db/language-schema.js';
import * as pgAnnouncements from '../../src/db/pg/announcements-schema.js';
import * as pgDepartures from '../../src/db/pg/guild-departures-schema.js';
import * as pgEditing from '../../src/db/pg/editing-schema.js';
import * as pgLanguages from '../../src/db/pg/language-schema.js';
import * as pgSeason from '../../src/db/pg/schema.js';
import * as sqliteSeason from '../../src/db/schema.js';

// The two dialects describe one database: the same tables, columns, nullability, primary keys,
// indexes and CHECK names. A column added to one schema and not the other fails here, before any
// migration is generated. (No database needed: this reads the Drizzle definitions.)

interface Shape {
  readonly columns: Record<string, { notNull: boolean; primary: boolean; hasDefault: boolean }>;
  readonly primaryKey: string[];
  readonly indexes: string[];
  readonly checks: string[];
  readonly foreignKeys: string[];
}

const modules = (mods: readonly object[]) => mods.flatMap((m) => Object.values(m));

const sqliteShapes = (): Map<string, Shape> => {
  const out = new Map<string, Shape>();
  for (const table of modules([sqliteSeason, sqliteAnnouncements, sqliteLanguages, sqliteDepartures, sqliteEditing]).filter((v) => is(v, SQLiteTable))) {
    const c = sqliteTableConfig(table);
    out.set(c.name, {
      columns: Object.fromEntries(c.columns.map((col) => [col.name, { notNull: col.notNull, primary: col.primary, hasDefault: col.hasDefault }])),
      primaryKey: c.primaryKeys.flatMap((pk) => pk.columns.map((col) => col.name)),
      indexes: c.indexes.map((i) => i.config.name).sort(),
      checks: c.checks.map((k) => k.name).sort(),
      foreignKeys: c.foreignKeys.map((fk) => fk.reference()).map((r) => `${r.columns.map((x) => x.name).join(',')}→${sqliteTableConfig(r.foreignTable).name}`).sort(),
    });
  }
  return out;
};

const pgShapes = (): Map<string, Shape> => {
  const out = new Map<string, Shape>();
  for (const table of modules([pgSeason, pgAnnouncements, pgLanguages, pgDepartures, pgEditing]).filter((v) => is(v, PgTable))) {
    const c = pgTableConfig(table);
    out.set(c.name, {
      // An identity column is the twin of SQLite's autoincrement: it has a default.
      columns: Object.fromEntries(c.columns.map((col) => [col.name, { notNull: col.notNull, primary: col.primary, hasDefault: col.hasDefault }])),
      primaryKey: c.primaryKeys.flatMap((pk) => pk.columns.map((col) => col.name)),
      indexes: c.indexes.map((i) => i.config.name ?? '').sort(),
      checks: c.checks.map((k) => k.name).sort(),
      foreignKeys: c.foreignKeys.map((fk) => fk.reference()).map((r) => `${r.columns.map((x) => x.name).join(',')}→${pgTableConfig(r.foreignTable).name}`).sort(),
    });
  }
  return out;
};

const sqlite = sqliteShapes();
const pg = pgShapes();

// Rules PostgreSQL enforces that SQLite does not (ids in the outbox are digits); never the reverse.
const PG_ONLY_CHECKS = new Set(['announcement_outbox_guild_check', 'announcement_outbox_channel_check']);

describe('the SQLite and PostgreSQL schemas', () => {
  // A schema file added to a drizzle-kit config must be added to the other config and to this test.
  test('files: every SQLite schema file drizzle-kit reads has its PostgreSQL twin, and this test reads both', () => {
    const schemaFiles = (config: string) => [...readFileSync(config, 'utf8').matchAll(/'\.\/(src\/db\/[\w/-]+\.ts)'/g)].map((m) => m[1] ?? '');
    const lite = schemaFiles('drizzle.config.ts');
    expect(lite).toEqual(['src/db/schema.ts', 'src/db/announcements-schema.ts', 'src/db/language-schema.ts', 'src/db/guild-departures-schema.ts', 'src/db/editing-schema.ts']);
    expect(schemaFiles('drizzle.pg.config.ts')).toEqual(lite.map((f) => f.replace('src/db/', 'src/db/pg/')));
  });

  test('have the same tables', () => {
    expect(sqlite.size).toBe(30);
    expect([...pg.keys()].sort()).toEqual([...sqlite.keys()].sort());
  });

  test.each([...sqlite.keys()])('%s has the same columns, keys, indexes, foreign keys and checks', (name) => {
    const lite = sqlite.get(name);
    const post = pg.get(name);
    expect(post).toBeDefined();
    if (lite === undefined || post === undefined) return;
    expect(post.columns).toEqual(lite.columns);
    expect(post.primaryKey).toEqual(lite.primaryKey);
    expect(post.indexes).toEqual(lite.indexes);
    expect(post.foreignKeys).toEqual(lite.foreignKeys);
    expect(post.checks.filter((k) => !PG_ONLY_CHECKS.has(k))).toEqual(lite.checks);
  });
});
