import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, loadDataConfig } from '../config.js';

// `npm run db:backup [file]`: an online backup through SQLite's backup API. Safe while the bot
// runs: it copies a consistent snapshot page by page and never blocks the bot's writes for long.

export const backupDatabase = async (source: string, target: string): Promise<{ pages: number }> => {
  // Checked before anything is created: a mistyped DATABASE_PATH must not leave empty backup folders.
  if (!existsSync(source)) throw new Error(`There is no database at ${source}: nothing to back up. Check DATABASE_PATH.`);
  if (resolve(target) === resolve(source)) throw new Error(`The backup target ${target} is the database itself; choose another path.`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (err) {
    throw new Error(`Cannot open the database at ${source}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const { totalPages } = await db.backup(target);
    return { pages: totalPages };
  } finally {
    db.close();
  }
};

const defaultTarget = (source: string, now: Date): string =>
  `backups/${source.replace(/^.*\//, '').replace(/\.sqlite$/, '')}-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`;

const main = async (): Promise<number> => {
  let config;
  try {
    config = loadDataConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const target = process.argv[2] ?? defaultTarget(config.databasePath, new Date());
  try {
    const { pages } = await backupDatabase(config.databasePath, target);
    process.stdout.write(`Backed up ${config.databasePath} to ${target} (${pages} pages).\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`Backup of ${config.databasePath} failed: ${(err as Error).message}\n`);
    return 1;
  }
};

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
