import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { LanguageChoices } from '../../db/languages.js';
import type { Language } from '../../i18n/languages.js';
import type { SeasonCatalog } from '../../domain/catalog.js';
import type { Season } from '../../domain/types.js';
import type { I18n, Translator } from '../../i18n/index.js';
import type { AnnouncementsService } from '../announcements/service.js';
import type { Logger } from '../../log.js';

/**
 * /language choices as commands use them: read on every reply that needs a language, so synchronously
 * (the reply's language is resolved inside a synchronous getter); written by /language, awaited.
 * On SQLite reads go to the database; on PostgreSQL to a cache of the choices kept current by this
 * process's writes and a periodic refresh (src/db/store/choice-cache.ts).
 */
export interface CommandLanguages {
  choicesFor(userId: string, guildId: string | null): LanguageChoices;
  setUser(userId: string, language: Language, now: number): void | Promise<void>;
  clearUser(userId: string): boolean | Promise<boolean>;
  setServer(guildId: string, language: Language, chosenBy: string, now: number): void | Promise<void>;
  clearServer(guildId: string): boolean | Promise<boolean>;
}

/** What every command may use. Built once in src/index.ts (the composition root). */
export interface CommandContext {
  /**
   * The default season's snapshot. Fan commands choose among the catalog instead (season-choice.ts);
   * /announcements still reads this one.
   */
  readonly season: () => Season;
  /**
   * Every loaded season, newest first; fan commands pick one per reply (`competition` option → server
   * default → in progress → finished → newest). Absent in contexts built around one season (some tests):
   * that season is then the only one.
   */
  readonly catalog?: SeasonCatalog;
  /** The server's default season id (`/announcements default`), or null when it has none; absent without a database. */
  readonly guildSeason?: (guildId: string) => string | null;
  readonly log: Logger;
  /** The bot's clock (real time, or the replay clock). */
  readonly now: () => Date;
  readonly startedAt: Date;
  readonly version: string;
  /** Data version: content hash and import time of the season file. */
  readonly dataVersion: (seasonId?: string) => { readonly hash: string; readonly importedAt: Date } | null;
  /** Matchday announcements (database + sender); absent where the bot runs without them (CLI, some tests). */
  readonly announcements?: AnnouncementsService;
  /** Language choices made with /language; absent where the bot runs without a database (some tests). */
  readonly languages?: CommandLanguages;
  /** This bot's translations (one i18next instance per bot); commands fall back to one of their own without it. */
  readonly i18n?: I18n;
  /**
   * The reply's language for the interaction being handled (user choice → server choice → client
   * locale → server locale → English), resolved at most once, on first use, by the router. Absent when
   * a command is called without the router (some tests): commands then resolve it from the interaction.
   */
  readonly tr?: Translator;
}

export interface Command {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /**
   * Buttons whose custom_id starts with `${data.name}:` are routed here (paging).
   * The custom_id carries all the state needed, so a restart does not break old buttons.
   */
  button?(interaction: ButtonInteraction, ctx: CommandContext): Promise<void>;
  /** String select menus whose custom_id starts with `${data.name}:`, like buttons. */
  select?(interaction: StringSelectMenuInteraction, ctx: CommandContext): Promise<void>;
  /**
   * Set only for a command that awaits something slow before answering: the router then defers
   * (public or ephemeral) before `execute`, and `execute` must answer with `editReply`.
   * Commands that read the in-memory season answer within milliseconds and leave it unset.
   */
  readonly defer?: 'public' | 'ephemeral';
}
