import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg } from '../../src/db/pg/migrate.js';
import { backupPostgres, main, postgresBinary, postgresConnection, runPostgresTool } from '../../src/tools/backup.js';
import { freshDatabase, seedOutbox } from './support.js';

// db:backup on PostgreSQL for real: pg_dump of a migrated database with rows, restored by pg_restore
// into another database, which then holds the same rows. The password travels in PGPASSWORD only.

const dir = mkdtempSync(join(tmpdir(), 'caf-pg-backup-'));
const T0 = Date.parse('2024-02-11T12:00:00Z');

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

const counts = async (db: OpenedPgDatabase) =>
  (await db.pool.query<{ outbox: string; subs: string; migrations: string }>(
    'select (select count(*) from announcement_outbox) as outbox, (select count(*) from announcement_subscriptions) as subs, (select count(*) from drizzle.__drizzle_migrations) as migrations',
  )).rows[0];

describe('npm run db:backup with DATABASE_URL=postgres://…', () => {
  let source: Awaited<ReturnType<typeof freshDatabase>>;
  let sourceDb: OpenedPgDatabase;
  const opened: OpenedPgDatabase[] = [];
  const dropped: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    source = await freshDatabase('backup');
    dropped.push(source.drop);
    sourceDb = openPgDatabase(source.url, { max: 2 });
    opened.push(sourceDb);
    await migratePg(sourceDb.pool);
    await seedOutbox(sourceDb.db, { channels: 40, perChannel: 3, dueAt: T0 });
  });
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
    for (const drop of dropped) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the password goes to PGPASSWORD, never into the arguments pg_dump gets', () => {
    const url = new URL(source.url);
    url.password = 'p@ss:w/rd';
    const { dbname, env } = postgresConnection(url.toString());
    expect(env.PGPASSWORD).toBe('p@ss:w/rd');
    expect(dbname).not.toContain('w%2Frd');
    expect(dbname).not.toContain('p%40ss');
    expect(new URL(dbname).password).toBe('');
    expect(new URL(dbname).username).toBe(url.username);
  });

  test('pg_dump writes a custom-format archive that pg_restore turns back into the same database', async () => {
    expect(postgresBinary('pg_dump')).toMatch(/\/usr\/lib\/postgresql\/\d+\/bin\/pg_dump$/);
    const file = join(dir, 'nested', 'bot.dump');
    const { bytes } = await backupPostgres(source.url, file);
    expect(bytes).toBeGreaterThan(1000);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP'); // the custom format's magic

    const restored = await freshDatabase('restored');
    dropped.push(restored.drop);
    const { dbname } = postgresConnection(restored.url);
    await runPostgresTool(postgresBinary('pg_restore'), ['--no-owner', '--no-password', '--exit-on-error', `--dbname=${dbname}`, file], restored.url);
    const copy = openPgDatabase(restored.url, { max: 1 });
    opened.push(copy);
    const before = await counts(sourceDb);
    expect(Number(before?.outbox)).toBe(120);
    expect(await counts(copy)).toEqual(before);
    const nonce = (db: OpenedPgDatabase) => db.pool.query('select nonce, due_at, message_ids from announcement_outbox order by id limit 3').then((r) => r.rows);
    expect(await nonce(copy)).toEqual(await nonce(sourceDb));
  });

  test('the command: DATABASE_URL selects pg_dump; the output names the database with its credentials redacted', async () => {
    const file = join(dir, 'cli.dump');
    const out = capture();
    const err = capture();
    const code = await main([file], out.stream, err.stream, { DATABASE_URL: source.url });
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^Backed up postgres:\/\/\[redacted\]@127\.0\.0\.1:\d+\/caf_backup_\w+ to .*cli\.dump \(\d+ bytes, pg_dump custom format; restore with pg_restore/);
    expect(out.text()).not.toContain(`:${new URL(source.url).password}@`);
    expect(existsSync(file)).toBe(true);
  });

  test('a wrong password: exit 1, pg_dump\'s reason, no password anywhere, no file left behind', async () => {
    const url = new URL(source.url);
    url.password = 'Wr0ng-Backup-Secret';
    const file = join(dir, 'wrong.dump');
    const out = capture();
    const err = capture();
    expect(await main([file], out.stream, err.stream, { DATABASE_URL: url.toString() })).toBe(1);
    expect(err.text()).toMatch(/^Backup of postgres:\/\/\[redacted\]@.* failed: pg_dump exited with 1: .*password authentication failed/s);
    expect(out.text() + err.text()).not.toContain('Wr0ng-Backup-Secret');
    expect(existsSync(file)).toBe(false);
  });

  test('DATABASE_URL and DATABASE_PATH both set, or a URL that is not postgres://: exit 2 and why', async () => {
    const err = capture();
    expect(await main([join(dir, 'x.dump')], capture().stream, err.stream, { DATABASE_URL: source.url, DATABASE_PATH: join(dir, 'bot.sqlite') })).toBe(2);
    expect(err.text()).toContain('Both DATABASE_URL and DATABASE_PATH are set');
    const err2 = capture();
    expect(await main([join(dir, 'y.dump')], capture().stream, err2.stream, { DATABASE_URL: 'mysql://u:p@h/db' })).toBe(2);
    expect(err2.text()).toContain('DATABASE_URL must be a postgres:// URL.');
  });
});
