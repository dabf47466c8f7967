import { DEFAULT_LANGUAGE, isLanguage, languageOfLocale, type Language } from './languages.js';

/** What decides a reply's language, strongest first. */
export const LANGUAGE_SOURCES = ['user', 'server', 'client', 'serverLocale', 'default'] as const;
export type LanguageSource = (typeof LANGUAGE_SOURCES)[number];

export interface LanguageInputs {
  /** The user's own `/language set` choice. */
  readonly userChoice: string | null;
  /** The server's `/language set scope:server` choice (null in DMs). */
  readonly serverChoice: string | null;
  /** `interaction.locale`: the user's Discord client language. */
  readonly clientLocale: string | null;
  /** `interaction.guildLocale`: the server's preferred locale (Community servers; null in DMs). */
  readonly serverLocale: string | null;
}

export interface ResolvedLanguage {
  readonly language: Language;
  readonly source: LanguageSource;
}

/**
 * The user's choice, else the server's choice, else the client's locale (`fr`, `pt-BR`, `en-*`), else
 * the server's locale, else English. Discord always sends a client locale and has no Arabic one, so a
 * server's explicit choice must come before it, or an Arabic server could never answer in Arabic.
 * A stored value that is no longer a language (an old row) is skipped, not trusted.
 */
export const resolveLanguage = (inputs: LanguageInputs): ResolvedLanguage => {
  if (isLanguage(inputs.userChoice)) return { language: inputs.userChoice, source: 'user' };
  if (isLanguage(inputs.serverChoice)) return { language: inputs.serverChoice, source: 'server' };
  const client = languageOfLocale(inputs.clientLocale);
  if (client !== null) return { language: client, source: 'client' };
  const server = languageOfLocale(inputs.serverLocale);
  if (server !== null) return { language: server, source: 'serverLocale' };
  return { language: DEFAULT_LANGUAGE, source: 'default' };
};
