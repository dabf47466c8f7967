import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { childProcessEnv, ConfigError, loadDataConfig } from '../config.js';
import { describeDatabaseUrl } from '../db/pg/client.js';
import { scrubSecrets } from '../log.js';

// `npm run db:backup [file]`: SQLite (DATABASE_PATH) through SQLite's online backup API, or, when
// DATABASE_URL is a postgres:// URL, PostgreSQL through pg_dump's custom format.
// SQLite: safe while the bot runs: it copies a consistent snapshot page by page and never blocks the
// bot's writes for long. PostgreSQL: pg_dump reads one snapshot too; restore with pg_restore.

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

/**
 * The newest pg_dump/pg_restore installed: Debian keeps each major version's binaries off PATH under
 * /usr/lib/postgresql/<major>/bin (pg_dump must be at least as new as the server); else PATH's.
 */
export const postgresBinary = (name: 'pg_dump' | 'pg_restore'): string => {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.map((major) => join(root, major, 'bin', name)).find((path) => existsSync(path));
  return found ?? name;
};

/**
 * How to run a PostgreSQL client tool on `url` without putting the password on its command line
 * (where `ps` shows it to every user of the machine): the URL without it, the password in PGPASSWORD.
 */
export const postgresConnection = (url: string): { readonly dbname: string; readonly env: NodeJS.ProcessEnv } => {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: childProcessEnv(password === '' ? {} : { PGPASSWORD: password }) };
};

/** Runs a PostgreSQL client tool; rejects with its stderr, the password scrubbed, when it fails. */
export const runPostgresTool = (command: string, args: readonly string[], url: string): Promise<void> =>
  new Promise((done, fail) => {
    const { env } = postgresConnection(url);
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const scrub = (text: string): string => {
      const password = env.PGPASSWORD;
      return scrubSecrets(password === undefined ? text : text.replaceAll(password, '[redacted]')).trim();
    };
    child.on('error', (err) => fail(new Error(`Cannot run ${command}: ${scrub(err.message)}. Install PostgreSQL's client tools (Debian: postgresql-client).`)));
    child.on('close', (code, signal) =>
      code === 0 ? done() : fail(new Error(`${command.replace(/^.*\//, '')} ${signal === null ? `exited with ${code}` : `was killed by ${signal}`}: ${scrub(stderr) || 'no message'}`)),
    );
  });

/** pg_dump of the database at `url` into `target`, in the custom format pg_restore reads. */
export const backupPostgres = async (url: string, target: string): Promise<{ bytes: number }> => {
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const { dbname } = postgresConnection(url);
  try {
    // --no-password: never prompt (a cron job would hang); a wrong or missing password fails instead.
    await runPostgresTool(postgresBinary('pg_dump'), ['--format=custom', '--no-password', `--file=${target}`, `--dbname=${dbname}`], url);
  } catch (err) {
    rmSync(target, { force: true });
    throw err;
  }
  return { bytes: statSync(target).size };
};

const stamp = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

const defaultTarget = (source: string, now: Date): string =>
  `backups/${source.replace(/^.*\//, '').replace(/\.sqlite$/, '')}-${stamp(now)}.sqlite`;

const defaultPostgresTarget = (url: string, now: Date): string =>
  `backups/${decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres'}-${stamp(now)}.dump`;

/** The command line; returns the exit code. Streams and env are parameters so a test can run it. */
export const main = async (
  argv: readonly string[] = process.argv.slice(2),
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  env?: NodeJS.ProcessEnv,
): Promise<number> => {
  let config;
  try {
    config = env === undefined ? loadDataConfig() : loadDataConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // loadDataConfig checked the URL's scheme and that DATABASE_PATH is not set beside it.
  const { databaseUrl } = config;
  if (databaseUrl !== null) {
    const shown = describeDatabaseUrl(databaseUrl);
    const target = argv[0] ?? defaultPostgresTarget(databaseUrl, new Date());
    try {
      const { bytes } = await backupPostgres(databaseUrl, target);
      out.write(`Backed up ${shown} to ${target} (${bytes} bytes, pg_dump custom format; restore with pg_restore --dbname=<url> ${target}).\n`);
      return 0;
    } catch (error) {
      err.write(`Backup of ${shown} failed: ${scrubSecrets((error as Error).message)}\n`);
      return 1;
    }
  }
  const target = argv[0] ?? defaultTarget(config.databasePath, new Date());
  try {
    const { pages } = await backupDatabase(config.databasePath, target);
    out.write(`Backed up ${config.databasePath} to ${target} (${pages} pages).\n`);
    return 0;
  } catch (error) {
    err.write(`Backup of ${config.databasePath} failed: ${(error as Error).message}\n`);
    return 1;
  }
};

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
