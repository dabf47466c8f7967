// Reads that every reply makes (a user's and a server's /language choice, a server's default season),
// kept in this process until the database changes, and never longer: SQLite tells one connection
// whether anyone else committed since it last asked (PRAGMA data_version: another connection, another
// process or shard on the same file) and how many rows it changed itself (total_changes()).
// total_changes() reads no table and is asked on every read; data_version opens a read transaction
// (~15 µs in the bot under the bench's load, as much as the reads it saves), so it is asked once per
// synchronous run: a reply's reads made together (its season, then its language) are as of the first
// of them, as if made at once, and another connection's commit counts from the next turn of the event
// loop on. Every change of this connection's own counts at once.
import type Database from 'better-sqlite3';
import type { SyncDb } from './outbox.js';

/** A number that moves whenever the database may have changed since the last call. */
export type ChangeVersion = () => number;

const versions = new WeakMap<Database.Database, ChangeVersion>();

/** The connection's change version, kept per connection (data_version and total_changes are per connection). */
export const changeVersion = (client: Database.Database): ChangeVersion => {
  let version = versions.get(client);
  if (version === undefined) {
    const dataVersion = client.prepare<[], number>('PRAGMA data_version').pluck();
    const ownChanges = client.prepare<[], number>('SELECT total_changes()').pluck();
    let lastData: number | undefined;
    let lastOwn: number | undefined;
    let count = 0;
    // Whether data_version was asked in this synchronous run; a microtask clears it once the run ends.
    let askedThisRun = false;
    const runEnded = (): void => {
      askedThisRun = false;
    };
    version = () => {
      const own = ownChanges.get();
      if (!askedThisRun) {
        askedThisRun = true;
        queueMicrotask(runEnded);
        const data = dataVersion.get();
        if (data !== lastData) {
          lastData = data;
          count += 1;
        }
      }
      if (own !== lastOwn) {
        lastOwn = own;
        count += 1;
      }
      return count;
    };
    versions.set(client, version);
  }
  return version;
};

/** The better-sqlite3 connection under a Drizzle database; undefined for a transaction's handle. */
const clientOf = (db: SyncDb): Database.Database | undefined => (db as { $client?: Database.Database }).$client;

/** How many keys one kept read holds before it starts again (users who ask, between two changes). */
const KEPT_LIMIT = 10_000;

/**
 * `read(...args)` kept per `key(...args)` until the database changes (see above). The version is read
 * before the row, so a row committed in between is kept under the older version and dropped at the next
 * call. Without a connection to ask (a transaction's handle), every call reads; so does a call inside a
 * transaction (it may see rows that are then rolled back, which no version would tell).
 */
export const untilChanged = <A extends unknown[], V>(db: SyncDb, key: (...args: A) => string, read: (...args: A) => V): ((...args: A) => V) => {
  const client = clientOf(db);
  if (client === undefined) return read;
  let version: ChangeVersion | undefined;
  let keptAt = -1;
  const kept = new Map<string, V>();
  return (...args) => {
    if (client.inTransaction) return read(...args);
    version ??= changeVersion(client);
    const now = version();
    if (now !== keptAt || kept.size >= KEPT_LIMIT) {
      kept.clear();
      keptAt = now;
    }
    const at = key(...args);
    if (kept.has(at)) return kept.get(at) as V;
    const value = read(...args);
    kept.set(at, value);
    return value;
  };
};
