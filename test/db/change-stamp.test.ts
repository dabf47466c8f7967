// The per-reply reads kept until the database changes (src/db/change-stamp.ts): a /language choice or a
// server's default season written by this process, by another connection on the same file (another
// shard or process: from the event loop's next turn), or rolled back, shows in the next read.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { changeVersion, untilChanged } from '../../src/db/change-stamp.js';
import { clearGuildSeason, guildSeason, setGuildSeason } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { makeTestDb, silent, tempDir } from './helpers.js';

const USER = '1200000000000000001';
const GUILD = '1100000000000000001';
const OTHER_GUILD = '1100000000000000002';
const ADMIN = '1200000000000000009';

/** The event loop's next turn: another connection's commit counts from there (change-stamp.ts). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Two connections on one file, as two shards or a bot and the CLI have them. */
const twoConnections = (): [OpenedDatabase, OpenedDatabase] => {
  const path = join(tempDir(), 'bot.sqlite');
  const first = openDatabase(path, { log: silent });
  return [first, openDatabase(path, { log: silent })];
};

describe('untilChanged', () => {
  test('GIVEN no write THEN a key is read once; any write by this connection, to any table, reads it again', () => {
    const { db, sqlite } = makeTestDb();
    const reads: string[] = [];
    const kept = untilChanged(db, (k: string) => k, (k: string) => {
      reads.push(k);
      return `${k}:${reads.length}`;
    });
    expect([kept('a'), kept('a'), kept('b'), kept('a')]).toEqual(['a:1', 'a:1', 'b:2', 'a:1']);
    sqlite.prepare("insert into user_languages (user_id, language, updated_at) values (?, 'fr', 0)").run(USER);
    expect(kept('a')).toBe('a:3');
    expect(kept('a')).toBe('a:3');
    expect(reads).toEqual(['a', 'b', 'a']);
  });

  test('GIVEN a read inside a transaction THEN it is not kept: the transaction may roll back', () => {
    const { db, sqlite } = makeTestDb();
    let reads = 0;
    const kept = untilChanged(db, (k: string) => k, () => ++reads);
    sqlite.transaction(() => {
      expect(kept('a')).toBe(1);
      expect(kept('a')).toBe(2);
    })();
    expect(kept('a')).toBe(3);
    expect(kept('a')).toBe(3);
  });

  test("GIVEN another connection on the same file THEN its commit moves this connection's version from the next turn on; reads do not", async () => {
    const [first, second] = twoConnections();
    try {
      const version = changeVersion(first.sqlite);
      const before = version();
      await nextTurn();
      expect(version()).toBe(before);
      first.sqlite.prepare('select count(*) from user_languages').get();
      await nextTurn();
      expect(version()).toBe(before);
      second.sqlite.prepare("insert into user_languages (user_id, language, updated_at) values (?, 'pt', 0)").run(USER);
      // In the same synchronous run, the version is as of its first call (data_version asked once per run).
      expect(version()).toBe(before);
      await nextTurn();
      const after = version();
      expect(after).not.toBe(before);
      await nextTurn();
      expect(version()).toBe(after);
    } finally {
      second.close();
      first.close();
    }
  });
});

describe('the kept per-reply reads', () => {
  test('GIVEN /language choices made and forgotten by this process THEN the next read has them', () => {
    const { db } = makeTestDb();
    const store = createLanguageStore(db);
    expect(store.choicesFor(USER, GUILD)).toEqual({ user: null, server: null });
    store.setUser(USER, 'fr', 1);
    expect(store.choicesFor(USER, GUILD)).toEqual({ user: 'fr', server: null });
    store.setServer(GUILD, 'ar', ADMIN, 2);
    expect(store.choicesFor(USER, GUILD)).toEqual({ user: 'fr', server: 'ar' });
    expect(store.choicesFor(USER, null)).toEqual({ user: 'fr', server: null });
    expect(store.choicesFor(USER, OTHER_GUILD)).toEqual({ user: 'fr', server: null });
    expect(store.clearUser(USER)).toBe(true);
    expect(store.choicesFor(USER, GUILD)).toEqual({ user: null, server: 'ar' });
  });

  test('GIVEN choices and defaults written through another connection on the file THEN this one reads them from its next turn', async () => {
    const [bot, other] = twoConnections();
    try {
      const mine = createLanguageStore(bot.db);
      const theirs = createLanguageStore(other.db);
      // Asked first, so an answer is kept before the other connection writes.
      expect(mine.choicesFor(USER, GUILD)).toEqual({ user: null, server: null });
      expect(guildSeason(bot.db, GUILD)).toBeNull();
      await nextTurn();
      theirs.setUser(USER, 'pt', 1);
      theirs.setServer(GUILD, 'fr', ADMIN, 1);
      setGuildSeason(other.db, GUILD, 'caf-cl-2023-24', 1);
      await nextTurn();
      expect(mine.choicesFor(USER, GUILD)).toEqual({ user: 'pt', server: 'fr' });
      expect(guildSeason(bot.db, GUILD)).toBe('caf-cl-2023-24');
      await nextTurn();
      expect(clearGuildSeason(other.db, GUILD)).toBe(true);
      await nextTurn();
      expect(guildSeason(bot.db, GUILD)).toBeNull();
      expect(theirs.clearServer(GUILD)).toBe(true);
      await nextTurn();
      expect(mine.choicesFor(USER, GUILD)).toEqual({ user: 'pt', server: null });
    } finally {
      other.close();
      bot.close();
    }
  });

  test('GIVEN a default season set by this process THEN the next read has it, per guild', () => {
    const { db } = makeTestDb();
    expect(guildSeason(db, GUILD)).toBeNull();
    setGuildSeason(db, GUILD, 'caf-cc-2023-24', 1);
    expect(guildSeason(db, GUILD)).toBe('caf-cc-2023-24');
    expect(guildSeason(db, OTHER_GUILD)).toBeNull();
    setGuildSeason(db, GUILD, 'caf-cl-2023-24', 2);
    expect(guildSeason(db, GUILD)).toBe('caf-cl-2023-24');
  });
});
