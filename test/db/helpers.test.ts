import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase, pendingMigrations, type OpenedDatabase } from '../../src/db/client.js';
import { dumpDatabase, makeTestDb, silent } from './helpers.js';

// makeTestDb copies one migrated database instead of migrating each time: a copy must be what
// openDatabase(':memory:') gives, schema and connection settings alike, and every copy its own.

/** Connection and database settings a test could notice (listed here, not taken from CONNECTION_PRAGMAS, so one missing there shows). */
const SETTINGS = [
  'foreign_keys',
  'busy_timeout',
  'synchronous',
  'cache_size',
  'journal_mode',
  'recursive_triggers',
  'defer_foreign_keys',
  'temp_store',
  'automatic_index',
  'secure_delete',
  'locking_mode',
  'query_only',
  'trusted_schema',
  'ignore_check_constraints',
  'reverse_unordered_selects',
  'legacy_alter_table',
  'cell_size_check',
  'cache_spill',
  'wal_autocheckpoint',
  'mmap_size',
  'page_size',
  'auto_vacuum',
  'encoding',
  'user_version',
  'application_id',
] as const;

const opened: OpenedDatabase[] = [];
const track = (handle: OpenedDatabase): OpenedDatabase => {
  opened.push(handle);
  return handle;
};
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

const settings = (handle: OpenedDatabase) => Object.fromEntries(SETTINGS.map((name) => [name, handle.sqlite.pragma(name, { simple: true })]));

describe('makeTestDb', () => {
  test('a copy has the schema, migration records and connection settings openDatabase gives a new in-memory database', () => {
    const real = track(openDatabase(':memory:', { log: silent }));
    // The first call in a process may be the template itself: the second is a copy either way.
    track(makeTestDb());
    const copy = track(makeTestDb());
    expect(dumpDatabase(copy.sqlite)).toEqual(dumpDatabase(real.sqlite));
    expect(settings(copy)).toEqual(settings(real));
    expect(pendingMigrations(copy.sqlite)).toEqual([]);
    expect(copy.applied).toEqual(real.applied);
    expect(copy.sqlite.memory).toBe(true);
  });

  test('each copy is fresh: what is written to one is in no other, nor in later copies', () => {
    const one = track(makeTestDb());
    one.sqlite.exec('create table probe (x integer); insert into probe values (1)');
    const other = track(makeTestDb());
    const hasProbe = (handle: OpenedDatabase) => handle.sqlite.prepare("select 1 from sqlite_master where name = 'probe'").get() !== undefined;
    expect(hasProbe(other)).toBe(false);
    expect(hasProbe(track(makeTestDb()))).toBe(false);
    expect(one.sqlite.prepare('select count(*) as n from probe').get()).toEqual({ n: 1 });
  });

  test('a copy enforces foreign keys', () => {
    const copy = track(makeTestDb());
    copy.sqlite.exec('create table parent (id integer primary key); create table child (parent integer references parent (id))');
    expect(() => copy.sqlite.prepare('insert into child values (1)').run()).toThrow(/FOREIGN KEY/);
  });
});
