// The language choices of /language: read on every reply that needs a language, written by /language.
// Guild ids come from the interaction, never from an option, so one server cannot change another's.
import { eq, sql } from 'drizzle-orm';
import { isLanguage, type Language } from '../i18n/languages.js';
import { untilChanged } from './change-stamp.js';
import { guildLanguages, userLanguages } from './language-schema.js';
import type { SyncDb } from './outbox.js';

export interface LanguageChoices {
  readonly user: Language | null;
  readonly server: Language | null;
}

export interface LanguageStore {
  /** The user's own choice and the server's (null in DMs or when none was made). */
  choicesFor(userId: string, guildId: string | null): LanguageChoices;
  setUser(userId: string, language: Language, now: number): void;
  /** Forgets the user's choice; whether there was one. */
  clearUser(userId: string): boolean;
  setServer(guildId: string, language: Language, chosenBy: string, now: number): void;
  /** Forgets the server's choice; whether there was one. */
  clearServer(guildId: string): boolean;
}

/** A stored value that is no longer a language (a language removed later) counts as no choice. */
const known = (value: string | undefined): Language | null => (isLanguage(value) ? value : null);

export const createLanguageStore = (db: SyncDb): LanguageStore => {
  // Read on every reply: prepared once per store, not built and compiled again per interaction.
  const userChoice = db
    .select({ language: userLanguages.language })
    .from(userLanguages)
    .where(eq(userLanguages.userId, sql.placeholder('userId')))
    .prepare();
  const serverChoice = db
    .select({ language: guildLanguages.language })
    .from(guildLanguages)
    .where(eq(guildLanguages.guildId, sql.placeholder('guildId')))
    .prepare();
  // Kept per user and server until the database changes (change-stamp.ts): as fresh as a read of the file.
  const choicesFor = untilChanged(
    db,
    // Snowflakes are digits: the separator and '-' for no server cannot be part of one.
    (userId: string, guildId: string | null) => `${userId}:${guildId ?? '-'}`,
    (userId: string, guildId: string | null): LanguageChoices => {
      const user = userChoice.get({ userId });
      const server = guildId === null ? undefined : serverChoice.get({ guildId });
      return { user: known(user?.language), server: known(server?.language) };
    },
  );
  return {
    choicesFor,
    setUser(userId, language, now) {
      const updatedAt = new Date(now);
      db.insert(userLanguages)
        .values({ userId, language, updatedAt })
        .onConflictDoUpdate({ target: userLanguages.userId, set: { language, updatedAt } })
        .run();
    },
    clearUser(userId) {
      return db.delete(userLanguages).where(eq(userLanguages.userId, userId)).run().changes > 0;
    },
    setServer(guildId, language, chosenBy, now) {
      const updatedAt = new Date(now);
      db.insert(guildLanguages)
        .values({ guildId, language, chosenBy, updatedAt })
        .onConflictDoUpdate({ target: guildLanguages.guildId, set: { language, chosenBy, updatedAt } })
        .run();
    },
    clearServer(guildId) {
      return db.delete(guildLanguages).where(eq(guildLanguages.guildId, guildId)).run().changes > 0;
    },
  };
};
