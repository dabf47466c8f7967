import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { transformSync } from 'esbuild';
import { describe, expect, inject, test } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, pendingMigrations } from '../../src/db/client.js';
import { readSeasonFile, seasonFilesIn } from '../../src/season/read.js';
import type { OpenWorkerInput, OpenWorkerResult } from './concurrent-open-worker.js';
import { silent, tempDir } from './helpers.js';

// The realistic race: the bot starts while someone runs a tool on the same new file. Threads,
// not processes, so 30 tries stay fast; each thread has its own SQLite connection, as a process would.
const TRIES = 30;
const THREADS = 3;
/** A start also imports the season file (a few hundred ms): fewer tries keep the file quick. */
const STORE_TRIES = 8;
/**
 * The opener as JavaScript, transpiled once here (it imports only node: modules and this run's build
 * of src/), so no thread loads a TypeScript loader and compiles it again.
 */
const OPENER = new URL(
  `data:text/javascript,${encodeURIComponent(transformSync(readFileSync(new URL('./concurrent-open-worker.ts', import.meta.url), 'utf8'), { loader: 'ts', format: 'esm', target: `node${process.versions.node}` }).code)}`,
);

const runOpeners = async (paths: readonly string[], open: OpenWorkerInput['open']): Promise<OpenWorkerResult[]> => {
  const gates = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * paths.length);
  const perThread = await Promise.all(Array.from({ length: THREADS }, () => runOpener({ paths, threads: THREADS, gates, open, builtSrc: join(inject('botBuildRoot'), 'dist') })));
  return perThread.flat();
};

const runOpener = (input: OpenWorkerInput): Promise<OpenWorkerResult[]> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(OPENER, { workerData: input });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`opener thread exited with ${code}`));
    });
  });

const journalLength = (): number =>
  (JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

/** What is wrong with the file when it is opened again, alone; null when it opens fully migrated. */
const problemOnReopen = (path: string): string | null => {
  try {
    const reopened = openDatabase(path, { log: silent });
    const pending = pendingMigrations(reopened.sqlite);
    const recorded = (reopened.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    reopened.close();
    if (pending.length > 0) return `pending: ${pending.join(', ')}`;
    // Each migration recorded once: no process applied them a second time.
    if (recorded !== journalLength()) return `${recorded} migration records for ${journalLength()} migrations`;
    return null;
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? 'unknown error';
  }
};

describe('concurrent opens of a new database file', () => {
  test(`${THREADS} threads opening each of ${TRIES} new files at once: every open succeeds and every file opens again, fully migrated`, async () => {
    const dir = tempDir();
    const paths = Array.from({ length: TRIES }, (_, i) => join(dir, `race-${i}.sqlite`));
    const failedOpens = (await runOpeners(paths, 'database')).filter((result) => result.error !== null);
    const brokenFiles = paths.map((path) => ({ path, problem: problemOnReopen(path) })).filter((file) => file.problem !== null);
    expect({ failedOpens, brokenFiles }).toEqual({ failedOpens: [], brokenFiles: [] });
  }, 60_000);

  test(`${THREADS} bot starts on each of ${STORE_TRIES} new files at once: each season is imported once per file`, async () => {
    const dir = tempDir();
    const paths = Array.from({ length: STORE_TRIES }, (_, i) => join(dir, `store-${i}.sqlite`));
    const failedOpens = (await runOpeners(paths, 'store')).filter((result) => result.error !== null);
    // Every shipped season file (data/seasons/*.json), imported exactly once into each database.
    const once = Object.fromEntries(seasonFilesIn().map((file) => [readSeasonFile(file).season.id, 1]));
    const imports = paths.map((path) => {
      const sqlite = new Database(path, { readonly: true });
      const rows = sqlite.prepare('select season_id, count(*) as n from data_imports group by season_id').all() as { season_id: string; n: number }[];
      sqlite.close();
      return Object.fromEntries(rows.map((row) => [row.season_id, row.n]));
    });
    expect(Object.keys(once).length).toBeGreaterThan(1);
    expect({ failedOpens, imports }).toEqual({ failedOpens: [], imports: paths.map(() => once) });
  }, 60_000);
});
