// Reads that every reply makes (a user's and a server's /language choice, a server's default season),
// kept in this process until the database changes: SQLite tells one connection whether anyone else
// committed since it last asked (PRAGMA data_version: another connection, another process or shard on
// the same file) and how many rows it changed itself (total_changes()).
// total_changes() reads no table and is asked on every read: this connection's own changes count at once.
// data_version opens a read transaction: 15 µs alone, 30-50 µs in the bot between two interactions
// (issue 15: about a fifth of /team's own work at p50), as much as the reads it saves. So it is asked
// at most once per OTHERS_SEEN_WITHIN_MS: a reply's reads made together (its season, then its language)
// are as of the first of them, and another connection's commit counts from the first read after that.
// A bot answering now and then asks on every reply, as before; under a burst, twice a second.
import type Database from 'better-sqlite3';
import type { SyncDb } from './outbox.js';

/** A number that moves whenever the database may have changed since the last call. */
export type ChangeVersion = () => number;

/**
 * How long another connection's commit may go unseen: a /language choice made through another shard,
 * or by the CLI, shows in this process's replies at most this many ms later.
 */
export const OTHERS_SEEN_WITHIN_MS = 500;

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
    // performance.now() of the last data_version; -Infinity: the first call asks.
    let askedAt = Number.NEGATIVE_INFINITY;
    version = () => {
      const own = ownChanges.get();
      const now = performance.now();
      if (now - askedAt >= OTHERS_SEEN_WITHIN_MS) {
        askedAt = now;
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
 * before the row, so a row another connection commits in between is kept under the older version and
 * dropped once data_version is asked again. Without a connection to ask (a transaction's handle), every
 * call reads; so does a call inside a transaction (it may see rows that are then rolled back, which no
 * version would tell).
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
