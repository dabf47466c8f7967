// The per-reply reads kept until the database changes (src/db/change-stamp.ts): a /language choice or a
// server's default season written by this process, or rolled back, shows in the next read; written by
// another connection on the same file (another shard or process), within OTHERS_SEEN_WITHIN_MS.
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/db/client.js';
import { changeVersion, OTHERS_SEEN_WITHIN_MS, untilChanged } from '../../src/db/change-stamp.js';
import { clearGuildSeason, guildSeason, setGuildSeason } from '../../src/db/guild-settings.js';
import { createLanguageStore } from '../../src/db/languages.js';
import { makeTestDb, silent, tempDir } from './helpers.js';

const USER = '1200000000000000001';
const GUILD = '1100000000000000001';
const OTHER_GUILD = '1100000000000000002';
const ADMIN = '1200000000000000009';

/** performance.now() under test control: data_version is asked at most once per OTHERS_SEEN_WITHIN_MS of it. */
const controlledClock = (): void => {
  vi.useFakeTimers({ toFake: ['performance'] });
};
/** Time for another connection's commit to count (change-stamp.ts). */
const later = (ms = OTHERS_SEEN_WITHIN_MS): void => {
  vi.advanceTimersByTime(ms);
};
afterEach(() => {
  vi.useRealTimers();
});

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

  test("GIVEN another connection on the same file THEN its commit moves this connection's version once OTHERS_SEEN_WITHIN_MS has passed since it last asked; reads do not", () => {
    controlledClock();
    const [first, second] = twoConnections();
    try {
      const version = changeVersion(first.sqlite);
      const before = version();
      later();
      expect(version()).toBe(before);
      first.sqlite.prepare('select count(*) from user_languages').get();
      later();
      expect(version()).toBe(before);
      second.sqlite.prepare("insert into user_languages (user_id, language, updated_at) values (?, 'pt', 0)").run(USER);
      // Asked just before the commit: not again until OTHERS_SEEN_WITHIN_MS has passed.
      expect(version()).toBe(before);
      later(OTHERS_SEEN_WITHIN_MS - 1);
      expect(version()).toBe(before);
      later(1);
      const after = version();
      expect(after).not.toBe(before);
      later();
      expect(version()).toBe(after);
    } finally {
      second.close();
      first.close();
    }
  });

  test("GIVEN this connection's own write THEN it counts at once, also right after data_version was asked", () => {
    controlledClock();
    const { sqlite } = makeTestDb();
    const version = changeVersion(sqlite);
    const before = version();
    sqlite.prepare("insert into user_languages (user_id, language, updated_at) values (?, 'ar', 0)").run(USER);
    const after = version();
    expect(after).not.toBe(before);
    expect(version()).toBe(after);
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

  test('GIVEN choices and defaults written through another connection on the file THEN this one reads them within OTHERS_SEEN_WITHIN_MS', () => {
    controlledClock();
    const [bot, other] = twoConnections();
    try {
      const mine = createLanguageStore(bot.db);
      const theirs = createLanguageStore(other.db);
      // Asked first, so an answer is kept before the other connection writes.
      expect(mine.choicesFor(USER, GUILD)).toEqual({ user: null, server: null });
      expect(guildSeason(bot.db, GUILD)).toBeNull();
      later();
      theirs.setUser(USER, 'pt', 1);
      theirs.setServer(GUILD, 'fr', ADMIN, 1);
      setGuildSeason(other.db, GUILD, 'caf-cl-2023-24', 1);
      later();
      expect(mine.choicesFor(USER, GUILD)).toEqual({ user: 'pt', server: 'fr' });
      expect(guildSeason(bot.db, GUILD)).toBe('caf-cl-2023-24');
      later();
      expect(clearGuildSeason(other.db, GUILD)).toBe(true);
      later();
      expect(guildSeason(bot.db, GUILD)).toBeNull();
      expect(theirs.clearServer(GUILD)).toBe(true);
      later();
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
