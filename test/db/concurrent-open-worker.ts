// One of several threads that open the same new database files at the same instant (see
// concurrent-open.test.ts). A shared counter per file is the starting gate: each thread waits
// until every thread has arrived, then all call openDatabase together.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../src/db/client.js';

export interface OpenWorkerInput {
  readonly paths: readonly string[];
  readonly threads: number;
  /** One Int32 per path: how many threads reached its gate. */
  readonly gates: SharedArrayBuffer;
}

export type OpenWorkerResult = { readonly path: string; readonly error: string | null };

const { paths, threads, gates } = workerData as OpenWorkerInput;
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
    openDatabase(path).close();
    return { path, error: null };
  } catch (err) {
    return { path, error: err instanceof Error ? err.message : String(err) };
  }
});
parentPort?.postMessage(results);
