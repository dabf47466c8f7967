// The bot's season store on PostgreSQL (openServedSeasons): two processes starting at once on a new
// database import each season file once; they serve the same catalog as a SQLite start; a source
// update in one is served there at once and in the other after its data check; a restart with the
// files unchanged imports nothing; a second database connection sees the data version move.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDataWatch } from '../../src/data-watch.js';
import { openPgDatabase, type OpenedPgDatabase } from '../../src/db/pg/client.js';
import { migratePg } from '../../src/db/pg/migrate.js';
import { pgEditing, pgSeasonData } from '../../src/db/pg/store.js';
import { openSeasonStore, openServedSeasons, type ServedSeasons } from '../../src/season-store.js';
import { seasonFilesIn } from '../../src/season/read.js';
import { freshDatabase } from './support.js';

const files = seasonFilesIn();
const log = pino({ level: 'silent' });

describe('the season store on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const pools: OpenedPgDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'served-pg-'));

  const open = async (importFiles = true): Promise<ServedSeasons> => {
    const opened = openPgDatabase(database.url, { max: 3 });
    pools.push(opened);
    return openServedSeasons({ engine: 'pg', data: pgSeasonData(opened.db), editing: pgEditing(opened.db), seasonFiles: files, log, importFiles });
  };

  beforeAll(async () => {
    database = await freshDatabase('served');
    const migrator = openPgDatabase(database.url, { max: 1 });
    await migratePg(migrator.pool);
    await migrator.close();
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  let a: ServedSeasons;
  let b: ServedSeasons;

  test('two processes starting together import each file once and serve what SQLite serves', async () => {
    [a, b] = await Promise.all([open(), open()]);
    // Each file is imported by one of them (the write lock decides per file), never by both.
    expect(a.imported || b.imported).toBe(true);
    const counts = await pools[0]?.pool.query<{ season_id: string; n: string }>('select season_id, count(*) as n from data_imports group by season_id');
    expect(counts?.rows.map((r) => Number(r.n))).toEqual(files.map(() => 1));

    const sqlite = openSeasonStore({ databasePath: join(dir, 'bot.sqlite'), seasonFiles: files });
    try {
      expect(a.catalog().list().map((e) => e.id)).toEqual(sqlite.catalog().list().map((e) => e.id));
      for (const entry of sqlite.catalog().list()) expect(a.catalog().get(entry.id)).toEqual(sqlite.catalog().get(entry.id));
      expect(a.season()).toEqual(sqlite.season());
      expect(a.dataVersion()?.hash).toBe(sqlite.dataVersion()?.hash);
      expect(b.catalog().list()).toEqual(a.catalog().list());
    } finally {
      sqlite.close();
    }
  });

  test('a source update is served at once by its process and by the other after its data check', async () => {
    const watch = startDataWatch({ data: b.data, reload: b.reload, log, intervalMs: 0 });
    try {
      expect(await watch.check()).toBe(false);
      const id = a.catalog().list()[0]?.id ?? '';
      const current = a.catalog().get(id);
      if (current === undefined) throw new Error('no season');
      const updated = { ...current, matches: current.matches.map((m, i) => (i === 0 ? { ...m, venue: 'From the source' } : m)) };
      const summary = await a.importFromSource(updated, 'feed-1');
      expect(summary.hash).toBe('source:feed-1');
      expect(a.catalog().get(id)?.matches[0]?.venue).toBe('From the source');
      expect(a.dataVersion(id)?.hash).toBe('source:feed-1');
      expect(b.catalog().get(id)?.matches[0]?.venue).not.toBe('From the source');
      expect(await watch.check()).toBe(true);
      expect(b.catalog().get(id)?.matches[0]?.venue).toBe('From the source');
      expect(await watch.check()).toBe(false);
      await expect(a.importFromSource({ ...updated, id: 'caf-xx-2030' }, 'x')).rejects.toThrow(/not served here/);
    } finally {
      watch.stop();
    }
  });

  test('a restart with the files unchanged imports nothing and keeps the source update; a shard only attaches', async () => {
    const again = await open();
    expect(again.imported).toBe(false);
    const id = a.catalog().list()[0]?.id ?? '';
    expect(again.catalog().get(id)?.matches[0]?.venue).toBe('From the source');
    const shard = await open(false);
    expect(shard.imported).toBe(false);
    expect(shard.catalog().list()).toEqual(again.catalog().list());
  });

  test('npm run data:export reads the season from PostgreSQL with DATABASE_URL, source update included', () => {
    const id = a.catalog().list()[0]?.id ?? '';
    const out = join(dir, 'export.json');
    const run = spawnSync(join('node_modules', '.bin', 'tsx'), [join('src', 'tools', 'data-export.ts'), id, '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: database.url, DATABASE_PATH: '', SEASON_FILE: '', SEASON_FILES: '', NODE_NO_WARNINGS: '1' },
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(new RegExp(`${id}: \\d+ teams, \\d+ matches written to .*export\\.json \\(from the database\\)`));
    expect(run.status).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { id: string; matches: { venue: string | null }[] };
    expect(written.id).toBe(id);
    expect(written.matches[0]?.venue).toBe('From the source');
    const missing = spawnSync(join('node_modules', '.bin', 'tsx'), [join('src', 'tools', 'data-export.ts'), 'caf-xx-2030'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: database.url, DATABASE_PATH: '', SEASON_FILE: '', SEASON_FILES: '', NODE_NO_WARNINGS: '1' },
      timeout: 60_000,
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/No season caf-xx-2030 is stored in the database\. Stored seasons: caf-/);
    expect(missing.stderr).not.toContain('caf_test:caf_test');
  });
});
