// The choices read on every reply, kept in this process: users' and servers' /language choices and
// servers' default seasons (/announcements default). A reply resolves its language and season
// synchronously (inside a getter), so on PostgreSQL it reads them here instead of awaiting a query.
// This process's own writes go to the database first and then here, so its next reply sees them; other
// processes' writes (another shard, another host) arrive with the next refresh (every `refreshMs`).
// On SQLite the bot reads the file instead, keeping each read only until SQLite says the file changed
// (src/db/change-stamp.ts), so a reply there is as fresh as a read.
import type { Language } from '../../i18n/languages.js';
import type { Logger } from '../../log.js';
import type { LanguageChoices } from '../languages.js';
import type { OperationsStore } from './types.js';

/** Seconds-old choices are acceptable: a user's language set on one shard reaches the others by then. */
export const CHOICE_REFRESH_MS = 15_000;

export interface ChoiceCache {
  readonly languages: {
    choicesFor(userId: string, guildId: string | null): LanguageChoices;
    setUser(userId: string, language: Language, now: number): Promise<void>;
    clearUser(userId: string): Promise<boolean>;
    setServer(guildId: string, language: Language, chosenBy: string, now: number): Promise<void>;
    clearServer(guildId: string): Promise<boolean>;
  };
  /** A server's default season, or null. */
  guildSeason(guildId: string): string | null;
  /** Writes a server's default season through to the database, then here. */
  setGuildSeason(guildId: string, seasonId: string, now: number): Promise<void>;
  clearGuildSeason(guildId: string): Promise<boolean>;
  /** Reads every choice again (the periodic refresh; tests call it). */
  refresh(): Promise<void>;
  stop(): void;
}

export async function startChoiceCache(ops: OperationsStore, opts: { readonly log: Logger; readonly refreshMs?: number }): Promise<ChoiceCache> {
  let users = new Map<string, Language>();
  let servers = new Map<string, Language>();
  let seasons = new Map<string, string>();
  // A write of this process since the refresh began wins over the refresh's older snapshot.
  let generation = 0;
  const refresh = async (): Promise<void> => {
    const started = generation;
    const [choices, defaults] = await Promise.all([ops.languages.allChoices(), ops.settings.allGuildSeasons()]);
    if (started !== generation) return;
    users = new Map(choices.users);
    servers = new Map(choices.servers);
    seasons = new Map(defaults);
  };
  await refresh();
  let failing = false;
  const timer = setInterval(() => {
    refresh().then(
      () => (failing = false),
      (err: unknown) => {
        if (!failing) opts.log.warn({ err }, 'language and default-season choices could not be refreshed; the last ones stay in use');
        failing = true;
      },
    );
  }, opts.refreshMs ?? CHOICE_REFRESH_MS);
  timer.unref();
  const wrote = <T>(value: T): T => {
    generation += 1;
    return value;
  };
  return {
    languages: {
      choicesFor: (userId, guildId) => ({ user: users.get(userId) ?? null, server: guildId === null ? null : (servers.get(guildId) ?? null) }),
      setUser: async (userId, language, now) => {
        await ops.languages.setUser(userId, language, now);
        users.set(userId, wrote(language));
      },
      clearUser: async (userId) => {
        const had = await ops.languages.clearUser(userId);
        users.delete(wrote(userId));
        return had;
      },
      setServer: async (guildId, language, chosenBy, now) => {
        await ops.languages.setServer(guildId, language, chosenBy, now);
        servers.set(guildId, wrote(language));
      },
      clearServer: async (guildId) => {
        const had = await ops.languages.clearServer(guildId);
        servers.delete(wrote(guildId));
        return had;
      },
    },
    guildSeason: (guildId) => seasons.get(guildId) ?? null,
    setGuildSeason: async (guildId, seasonId, now) => {
      await ops.settings.setGuildSeason(guildId, seasonId, now);
      seasons.set(guildId, wrote(seasonId));
    },
    clearGuildSeason: async (guildId) => {
      const had = await ops.settings.clearGuildSeason(guildId);
      seasons.delete(wrote(guildId));
      return had;
    },
    refresh,
    stop: () => clearInterval(timer),
  };
}

/**
 * The store with its choice writes and reads going through the cache, so that /announcements default
 * (which writes through the store) shows in this process's next reply, like /language does.
 */
export const withChoiceCache = <S extends OperationsStore>(store: S, cache: ChoiceCache): S => ({
  ...store,
  settings: {
    ...store.settings,
    guildSeason: async (guildId) => cache.guildSeason(guildId),
    setGuildSeason: (guildId, seasonId, now) => cache.setGuildSeason(guildId, seasonId, now),
    clearGuildSeason: (guildId) => cache.clearGuildSeason(guildId),
  },
  languages: { ...store.languages, ...cache.languages, choicesFor: async (userId, guildId) => cache.languages.choicesFor(userId, guildId) },
});
