// The languages the bot speaks, and how Discord's locales map onto them. Pure data, no i18next.

export const LANGUAGES = ['en', 'fr', 'ar', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export interface LanguageInfo {
  /** The language's name in its own script: what the `/language set` choices show. */
  readonly nativeName: string;
  readonly direction: 'ltr' | 'rtl';
  /**
   * Discord client locales whose command names and descriptions we localise to this language.
   * Discord has no Arabic locale, so Arabic has none (and no `commands` section in its resource file).
   * English is the commands' default text, so it needs no localisation either.
   */
  readonly commandLocales: readonly string[];
  /** The BCP 47 tag for Intl; Western digits are asked for explicitly in ./format.ts. */
  readonly intlLocale: string;
}

export const LANGUAGE_INFO: Readonly<Record<Language, LanguageInfo>> = {
  en: { nativeName: 'English', direction: 'ltr', commandLocales: [], intlLocale: 'en-GB' },
  fr: { nativeName: 'Français', direction: 'ltr', commandLocales: ['fr'], intlLocale: 'fr' },
  ar: { nativeName: 'العربية', direction: 'rtl', commandLocales: [], intlLocale: 'ar' },
  // Angola and Mozambique write African/European Portuguese ("golo", "equipa"); Discord's only
  // Portuguese locale is pt-BR, so that is where the command names go.
  pt: { nativeName: 'Português', direction: 'ltr', commandLocales: ['pt-BR'], intlLocale: 'pt-PT' },
};

/**
 * The tag plural rules are read for: the language's Intl tag, as for numbers and dates. Portuguese is
 * written the European/African way (pt-PT), where 0 takes the plural ("0 golos"); the bare `pt` tag is
 * Brazil's, where 0 takes the singular. i18next picks a plural suffix by the code it holds the texts
 * under, so it holds each language's texts under this tag.
 */
export const pluralLocale = (language: Language): string => LANGUAGE_INFO[language].intlLocale;

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The language of a Discord locale (`fr` → fr, `pt-BR` → pt, `en-US`/`en-GB` → en), by its primary
 * subtag; null for a locale we do not speak (`de`, `ja`…) or none at all.
 */
export const languageOfLocale = (locale: string | null | undefined): Language | null => {
  if (typeof locale !== 'string') return null;
  const primary = locale.split('-', 1)[0]?.toLowerCase() ?? '';
  return isLanguage(primary) ? primary : null;
};
