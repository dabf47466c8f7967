// Following data another process changed. Only the dispatching process polls sources, and a bot
// started beside a running one imports a changed season file: every other process on the same
// database would serve its old snapshot until restarted. A timer reads the newest import of each
// season (one query on data_imports' (season_id, id) index) and reloads the store when that changed;
// the dispatcher's heartbeat then re-plans the changed seasons (scheduler/season-watch).
import { max, sql } from 'drizzle-orm';
import type { AppDatabase } from './db/client.js';
import { dataImports } from './db/schema.js';
import type { Logger } from './log.js';

/** How often a process looks for another's import: cheap (one indexed query), and fans wait at most this long. */
export const DATA_CHECK_INTERVAL_MS = 30_000;

export interface DataWatch {
  /** Reloads when the database's data changed since the last look; true when it reloaded. Never throws. */
  check(): boolean;
  /** Records the database as it is now, without reloading (this process just imported and reloaded itself). */
  noteCurrent(): void;
  stop(): void;
}

export interface DataWatchOptions {
  readonly db: AppDatabase;
  /** Reads every season again (the store's reload). */
  readonly reload: () => void;
  readonly log: Logger;
  /** Default DATA_CHECK_INTERVAL_MS; 0 starts no timer (the caller calls check()). */
  readonly intervalMs?: number;
}

/** The newest import of each stored season, as one comparable string ("" when none). */
export const dataSignature = (db: AppDatabase): string =>
  db
    .select({ seasonId: dataImports.seasonId, last: max(dataImports.id) })
    .from(dataImports)
    .where(sql`${dataImports.seasonId} in (select "id" from "seasons")`)
    .groupBy(dataImports.seasonId)
    .orderBy(dataImports.seasonId)
    .all()
    .map((row) => `${row.seasonId}:${row.last ?? ''}`)
    .join(',');

export const startDataWatch = (opts: DataWatchOptions): DataWatch => {
  const { db, reload, log } = opts;
  // The store loaded what the database held when it opened; an import since then shows at the first look.
  let seen = dataSignature(db);
  let failing = false;
  const check = (): boolean => {
    try {
      const now = dataSignature(db);
      if (now === seen) return false;
      // Read before reloading: an import landing in between is newer than `seen` and reloads next time.
      reload();
      seen = now;
      failing = false;
      log.info({ seasons: now }, 'season data changed in the database: reloaded');
      return true;
    } catch (err) {
      // Busy database, or a season another process left half-readable: keep serving, retry next time, log once.
      if (!failing) log.warn({ err }, 'checking the database for new season data failed; serving the data already loaded');
      failing = true;
      return false;
    }
  };
  const intervalMs = opts.intervalMs ?? DATA_CHECK_INTERVAL_MS;
  const timer = intervalMs > 0 ? setInterval(check, intervalMs) : null;
  timer?.unref();
  return {
    check,
    noteCurrent: () => {
      try {
        seen = dataSignature(db);
      } catch {
        // The next check reloads once more: harmless.
      }
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
};
