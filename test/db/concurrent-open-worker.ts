// One of several threads that open the same new database files at the same instant (see
// concurrent-open.test.ts). A shared counter per file is the starting gate: each thread waits
// until every thread has arrived, then all call openDatabase together.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

export interface OpenWorkerInput {
  readonly paths: readonly string[];
  readonly threads: number;
  /** One Int32 per path: how many threads reached its gate. */
  readonly gates: SharedArrayBuffer;
  /** `database`: openDatabase (migrations); `store`: openSeasonStore (migrations, then the season import). */
  readonly open: 'database' | 'store';
  /** This run's JavaScript build of src/ (test/support/build-bot.ts): no TypeScript to compile per thread. */
  readonly builtSrc: string;
}

export type OpenWorkerResult = { readonly path: string; readonly error: string | null };

const { paths, threads, gates, open, builtSrc } = workerData as OpenWorkerInput;
const load = (file: string): Promise<unknown> => import(pathToFileURL(join(builtSrc, file)).href);
const { openDatabase } = (await load('db/client.js')) as typeof import('../../src/db/client.js');
const { openSeasonStore } = (await load('season-store.js')) as typeof import('../../src/season-store.js');
const arrived = new Int32Array(gates);

const waitAtGate = (index: number): void => {
  if (Atomics.add(arrived, index, 1) + 1 === threads) {
    Atomics.notify(arrived, index);
    return;
  }
  while (Atomics.load(arrived, index) < threads) Atomics.wait(arrived, index, Atomics.load(arrived, index), 1000);
};

const results: OpenWorkerResult[] = paths.map((path, index) => {
  waitAtGate(index);
  try {
    if (open === 'store') openSeasonStore({ databasePath: path }).close();
    else openDatabase(path).close();
    return { path, error: null };
  } catch (err) {
    return { path, error: err instanceof Error ? err.message : String(err) };
  }
});
parentPort?.postMessage(results);
