// PostgreSQL test databases: one per test file, created from TEST_DATABASE_URL (vitest.pg.config.ts
// refuses to run without it) and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type AppDatabase } from '../../src/db/client.js';
import { announcementOutbox, announcementSubscriptions } from '../../src/db/pg/announcements-schema.js';
import { openPgDatabase, type PgDatabase } from '../../src/db/pg/client.js';
import { migratePg } from '../../src/db/pg/migrate.js';

export const adminUrl = (): string => {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined) throw new Error('TEST_DATABASE_URL is not set (see vitest.pg.config.ts)');
  return url;
};

const withAdmin = async (query: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
};

/** A new empty database on the test server; returns its URL and how to drop it. */
export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `caf_${label}_${randomBytes(4).toString('hex')}`;
  await withAdmin(`create database ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withAdmin(`drop database if exists ${name} with (force)`) };
}

/** Stores built on one engine, and how to remove that engine's database. */
export type OnEngine<T> = T & { close(): Promise<void> };

/**
 * The same stores on both engines, for contract tests (`describe.each(bothEngines(…))`): a migrated
 * SQLite file in a temporary folder, and a fresh migrated PostgreSQL database.
 */
export const bothEngines = <T extends object>(
  label: string,
  build: { readonly sqlite: (db: AppDatabase) => T; readonly pg: (db: PgDatabase) => T },
) =>
  [
    [
      'SQLite',
      async (): Promise<OnEngine<T>> => {
        const dir = mkdtempSync(join(tmpdir(), `${label}-`));
        const { db, close } = openDatabase(join(dir, 'bot.sqlite'));
        return {
          ...build.sqlite(db),
          close: async () => {
            close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    ],
    [
      'PostgreSQL',
      async (): Promise<OnEngine<T>> => {
        const database = await freshDatabase(label.replaceAll('-', '_'));
        const opened = openPgDatabase(database.url, { max: 4 });
        await migratePg(opened.pool);
        return {
          ...build.pg(opened.db),
          close: async () => {
            await opened.close();
            await database.drop();
          },
        };
      },
    ],
  ] as const;

/** A Discord-shaped id above 2^53, so a conversion to a JavaScript number would change it. */
export const snowflake = (n: number): string => (BigInt('1200000000000000000') + BigInt(n)).toString();

/** One subscription and, per channel, `perChannel` pending posts due at `dueAt`. */
export async function seedOutbox(db: PgDatabase, opts: { channels: number; perChannel: number; dueAt: number; guild?: string }): Promise<void> {
  const guildId = opts.guild ?? snowflake(1);
  const at = new Date(opts.dueAt);
  const [sub] = await db
    .insert(announcementSubscriptions)
    .values({ guildId, channelId: snowflake(2), leadsMs: [86_400_000], results: 'round', enabled: true, activeFrom: at, createdAt: at, updatedAt: at })
    .returning({ id: announcementSubscriptions.id });
  if (sub === undefined) throw new Error('no subscription inserted');
  const rows = [];
  for (let c = 0; c < opts.channels; c += 1) {
    for (let p = 0; p < opts.perChannel; p += 1) {
      rows.push({
        subscriptionId: sub.id,
        guildId,
        channelId: snowflake(1000 + c),
        kind: 'preview' as const,
        roundKey: `gs-md${p + 1}`,
        slot: '24h',
        leadMs: 86_400_000,
        dueAt: new Date(opts.dueAt + p),
        expiresAt: new Date(opts.dueAt + 3_600_000),
        status: 'pending' as const,
        messageIds: [],
        nonce: `n${guildId.slice(-6)}c${c}p${p}`,
        fingerprint: 'f',
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(announcementOutbox).values(rows.slice(i, i + 500));
}
