// Following data another process changed. Only the process holding the sources lease polls sources,
// and a bot started beside a running one imports a changed season file: every other process on the
// same database would serve its old snapshot until restarted. A timer reads the newest import of each
// season (one query on data_imports' (season_id, id) index) and reloads the store when that changed;
// the dispatcher's heartbeat then re-plans the changed seasons (scheduler/season-watch). The same on
// SQLite and on PostgreSQL (the season data store's dataSignature).
import type { AppDatabase } from './db/client.js';
import { sqliteDataSignature, type SeasonDataStore } from './db/store/season-data.js';
import type { Logger } from './log.js';

/** How often a process looks for another's import: cheap (one indexed query), and fans wait at most this long. */
export const DATA_CHECK_INTERVAL_MS = 30_000;

export interface DataWatch {
  /** Reloads when the database's data changed since the last look; true when it reloaded. Never rejects. */
  check(): Promise<boolean>;
  /** Records the database as it is now, without reloading (this process just imported and reloaded itself). */
  noteCurrent(): Promise<void>;
  stop(): void;
}

export interface DataWatchOptions {
  /** Where to look: the season data store, or (SQLite) the database itself. */
  readonly data?: Pick<SeasonDataStore, 'dataSignature'>;
  readonly db?: AppDatabase;
  /** Reads every season again (the store's reload). */
  readonly reload: () => void | Promise<void>;
  readonly log: Logger;
  /** Default DATA_CHECK_INTERVAL_MS; 0 starts no timer (the caller calls check()). */
  readonly intervalMs?: number;
}

/** The newest import of each stored season, as one comparable string ("" when none). */
export const dataSignature = (db: AppDatabase): string => sqliteDataSignature(db);

export const startDataWatch = (opts: DataWatchOptions): DataWatch => {
  const { reload, log } = opts;
  const { data, db } = opts;
  const signature = async (): Promise<string> => {
    if (data !== undefined) return data.dataSignature();
    if (db !== undefined) return dataSignature(db);
    throw new Error('startDataWatch needs the season data store or the database');
  };
  // The store loaded what the database held when it opened; an import since then shows at the first look.
  let seen: Promise<string | null> = signature().catch(() => null);
  let failing = false;
  // One look at a time: a slow database must not stack timer ticks.
  let looking: Promise<boolean> | null = null;
  const look = async (): Promise<boolean> => {
    try {
      const now = await signature();
      if (now === (await seen)) return false;
      // Read before reloading: an import landing in between is newer than `seen` and reloads next time.
      await reload();
      seen = Promise.resolve(now);
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
  const check = (): Promise<boolean> => {
    looking ??= look().finally(() => {
      looking = null;
    });
    return looking;
  };
  const intervalMs = opts.intervalMs ?? DATA_CHECK_INTERVAL_MS;
  const timer = intervalMs > 0 ? setInterval(() => void check(), intervalMs) : null;
  timer?.unref();
  return {
    check,
    noteCurrent: async () => {
      // The next check reloads once more when this fails: harmless.
      seen = signature().catch(() => null);
      await seen;
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
};
