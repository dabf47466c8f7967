import { readFileSync } from 'node:fs';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, test } from 'vitest';
import { pgSchema } from '../../src/db/pg/client.js';
import { PG_MIGRATIONS_FOLDER } from '../../src/db/pg/migrate.js';

// A column or table added to src/db/pg/ needs its migration in drizzle/pg/ (`npm run db:generate`).
// This compares the schema with drizzle-kit's snapshot of the last migration, so a missing migration
// fails in `npm test` too, where no PostgreSQL runs (npm run test:pg then fails applying it for real).

const journal = JSON.parse(readFileSync(`${PG_MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { idx: number; tag: string }[] };
const last = journal.entries.at(-1);
const snapshot = JSON.parse(readFileSync(`${PG_MIGRATIONS_FOLDER}/meta/${String(last?.idx ?? 0).padStart(4, '0')}_snapshot.json`, 'utf8')) as {
  tables: Record<string, { name: string; columns: Record<string, { name: string; notNull: boolean }>; checkConstraints: Record<string, unknown> }>;
};

const shape = (tables: { name: string; columns: { name: string; notNull: boolean }[]; checks: string[] }[]) =>
  Object.fromEntries(
    tables
      .map((t) => [t.name, { columns: t.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}`).sort(), checks: [...t.checks].sort() }] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

test(`drizzle/pg/ is up to date with src/db/pg/ (last migration: ${last?.tag})`, () => {
  const fromSchema = Object.values(pgSchema)
    .filter((v) => is(v, PgTable))
    .map((t) => getTableConfig(t))
    .map((c) => ({ name: c.name, columns: c.columns, checks: c.checks.map((k) => k.name) }));
  const fromSnapshot = Object.values(snapshot.tables).map((t) => ({ name: t.name, columns: Object.values(t.columns), checks: Object.keys(t.checkConstraints) }));
  expect(fromSchema.length).toBeGreaterThan(0);
  expect(shape(fromSnapshot)).toEqual(shape(fromSchema));
});
