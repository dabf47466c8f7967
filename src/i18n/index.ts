// Translation for one bot: its own i18next instance (never the global one, so two bots in one
// process, or a test, cannot change each other's language), loaded synchronously from the resource
// files. Renderers and commands get a Translator for the reply's language, never i18next itself.
import i18next, { type i18n as I18nInstance } from 'i18next';
import { bundledClubNames, type ClubNames } from '../clubs/names.js';
import { keptIn } from '../domain/memo.js';
import { isolateLtrLine, isolateName, stripDirectionControls } from './bidi.js';
import { formatDate, formatNumber } from './format.js';
import { LOOKUP_CACHE_LIMIT, memoizeLookup } from './lookup-cache.js';
import { LANGUAGE_INFO, LANGUAGES, pluralLocale, type Language } from './languages.js';
import { RESOURCES } from './resources.js';
import { compileTemplate, fillTemplate, hasI18nextOption, type Template } from './template.js';

export { DEFAULT_LANGUAGE, LANGUAGE_INFO, LANGUAGES, isLanguage, languageOfLocale, type Language } from './languages.js';
export { resolveLanguage, type LanguageInputs, type LanguageSource, type ResolvedLanguage } from './resolve.js';

/** Values a translation interpolates (`{{count}}`, `{{team}}`…). */
export type TranslationValues = Readonly<Record<string, string | number>>;

/** A `t` bound to one language: what domain-free renderers are handed. */
export type Translate = (key: string, values?: TranslationValues) => string;

export interface Translator {
  readonly language: Language;
  readonly direction: 'ltr' | 'rtl';
  readonly t: Translate;
  /** Whether the key exists in this language (optional sentences, e.g. a note only some languages need). */
  has(key: string): boolean;
  /** 1,234 / 1 234 / 1.234 — Western digits in every language. */
  number(value: number): string;
  /** 1st, 1er, 1.º, 1 — from the `ordinal` plural forms of the resource file. */
  ordinal(value: number): string;
  /** A date-only value (`YYYY-MM-DD`) in words. */
  date(isoDate: string): string;
  /**
   * A name inside a sentence (club, player, venue, command): a club's name in the reply's language where
   * the clubs data has one ("Zamalek" → "الزمالك"), else as printed; isolated (FSI…PDI) in a right-to-left
   * reply unless it is written in that reply's own script. Tables keep printed names: they never pass through here.
   */
  name(text: string): string;
  /** A monospace table line: kept left to right (LRI…PDI) in a right-to-left reply, as is otherwise. */
  tableLine(line: string): string;
}

export interface I18n {
  translator(language: Language): Translator;
}

/** Thrown for a key missing from a shipped language: a bug the key check should have caught. */
export class MissingTranslationError extends Error {
  constructor(
    readonly language: Language,
    readonly key: string,
  ) {
    super(`missing translation ${language}:${key}`);
    this.name = 'MissingTranslationError';
  }
}

export interface I18nOptions {
  /** Club names per language; the shipped data/clubs.json's when not given. */
  readonly clubNames?: ClubNames;
  /** Every lookup through i18next, none from the template cache: the reference template.test.ts compares with. */
  readonly i18nextOnly?: boolean;
}

/** Letters written left to right (Latin and the like): such a name needs isolating in an Arabic line. */
const LEFT_TO_RIGHT_LETTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const RIGHT_TO_LEFT_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

type Values = Readonly<Record<string, unknown>>;
const NO_VALUES: Values = Object.freeze({});
const MISSING = Symbol('missing');

// The plural rules i18next picks a suffix with (the same Intl.PluralRules, same locale), made on first use.
const pluralRules = new Map<string, Intl.PluralRules>();
const pluralRule = (language: Language, ordinal: boolean): Intl.PluralRules => {
  const id = ordinal ? `${language}:ordinal` : language;
  let rule = pluralRules.get(id);
  if (rule === undefined) {
    rule = new Intl.PluralRules(pluralLocale(language), { type: ordinal ? 'ordinal' : 'cardinal' });
    pluralRules.set(id, rule);
  }
  return rule;
};

/**
 * Which of a key's texts i18next would pick for these values: '' for an uncounted lookup, else the
 * plural category (`=0` apart: i18next tries a `_zero` text for a cardinal 0 in every language). Null
 * when i18next's own rules are needed (a count that is not a number, an ordinal flag that is not a boolean).
 */
const pluralForm = (language: Language, values: Values): string | null => {
  const { count, ordinal } = values;
  if (ordinal !== undefined && typeof ordinal !== 'boolean') return null;
  if (count === undefined) return '';
  if (typeof count !== 'number') return null;
  if (count === 0 && ordinal !== true) return '=0';
  return Number.isInteger(count) && count > 0 && count < SMALL_COUNTS ? smallCountForm(language, ordinal === true, count) : formOf(language, ordinal === true, count);
};

const formOf = (language: Language, ordinal: boolean, count: number): string =>
  ordinal ? `ordinal:${pluralRule(language, true).select(count)}` : pluralRule(language, false).select(count);

// The form of each small whole count, per language and rule: nearly every counted text (points, goals,
// matchdays, a 3rd place) has one, and Intl.PluralRules' select costs microseconds a call.
const SMALL_COUNTS = 1_000;
const cardinalForms = new Map<Language, string[]>();
const ordinalForms = new Map<Language, string[]>();
const noForms = (): string[] => [];
const smallCountForm = (language: Language, ordinal: boolean, count: number): string =>
  (keptIn(ordinal ? ordinalForms : cardinalForms, language, noForms)[count] ??= formOf(language, ordinal, count));

export const createI18n = (options: I18nOptions = {}): I18n => {
  // Read (and checked) at the first name a non-English reply shows, not at start: English needs none,
  // and the check of data/clubs.json is not worth making the first interaction wait for.
  let clubNames = options.clubNames;
  const namesIn = (language: Exclude<Language, 'en'>): ReadonlyMap<string, string> | undefined => (clubNames ??= bundledClubNames()).get(language);
  const instance: I18nInstance = i18next.createInstance();
  void instance.init({
    // Each language under the tag its plural rules are read for (languages.ts: its Intl tag, pt-PT for Portuguese).
    resources: Object.fromEntries(LANGUAGES.map((language) => [pluralLocale(language), { translation: RESOURCES[language] }])),
    lng: pluralLocale('en'),
    supportedLngs: LANGUAGES.map(pluralLocale),
    // No silent fallback to English: a missing key is found by the key check, and throws here.
    fallbackLng: false,
    initAsync: false,
    returnNull: false,
    returnEmptyString: false,
    // Replies are Discord markdown, not HTML; renderers escape what comes from users or data.
    interpolation: { escapeValue: false },
  });
  // Numbers interpolated as {{n, number}} get Western digits like every other number we print.
  // (Format parameters are not passed on: whole numbers are all we print.)
  const languageOfCode = new Map(LANGUAGES.map((language) => [pluralLocale(language), language]));
  instance.services.formatter?.add('number', (value: unknown, lng: string | undefined) => formatNumber(languageOfCode.get(lng ?? '') ?? 'en', Number(value)));

  const translators = new Map<Language, Translator>();
  const build = (language: Language): Translator => {
    const lng = pluralLocale(language);
    const fixed = instance.getFixedT(lng);
    const rtl = LANGUAGE_INFO[language].direction === 'rtl';
    const name = (text: string): string => {
      const own = language === 'en' ? undefined : namesIn(language)?.get(text);
      if (!rtl) return own === undefined ? text : stripDirectionControls(own);
      const said = own ?? text;
      // Text in the reply's own script (an Arabic club name or alias) sits in the line as it is; text with
      // left-to-right letters, or only digits and signs (a score), is isolated so it reads whole.
      return RIGHT_TO_LEFT_LETTER.test(said) && !LEFT_TO_RIGHT_LETTER.test(said) ? stripDirectionControls(said) : isolateName(said);
    };
    // Memoized (lookup-cache.ts): the resources never change, and i18next costs 90–220 µs a lookup.
    const has = memoizeLookup((key: string): boolean => instance.exists(key, { lng }));
    // What i18next alone answers (template.ts says when): memoized on the key and the values.
    const translateByI18next = memoizeLookup((key: string, values: Values = NO_VALUES): string => {
      // A counted key exists only with its plural suffixes, so `exists` is asked with the count too.
      if (!instance.exists(key, { ...values, lng })) throw new MissingTranslationError(language, key);
      return fixed(key, values) as string;
    });
    // Each (key, plural form)'s text, asked of i18next once (MISSING when the language has none), so a
    // lookup with new values (a team name) costs a fill, not two i18next passes.
    const templates = new Map<string, Template | null | typeof MISSING>();
    const templateOf = (key: string, form: string, values: Values): Template | null | typeof MISSING => {
      const id = form === '' ? key : `${key}\u0000${form}`;
      let template = templates.get(id);
      if (template === undefined) {
        // pluralForm has checked them: a number, and a boolean or nothing.
        const plural = form === '' ? {} : { count: values.count as number, ordinal: values.ordinal === true };
        template = instance.exists(key, { ...plural, lng })
          ? compileTemplate(fixed(key, { ...plural, skipInterpolation: true }) as string)
          : MISSING;
        if (templates.size >= LOOKUP_CACHE_LIMIT) templates.clear();
        templates.set(id, template);
      }
      return template;
    };
    const translate = (key: string, values: Values = NO_VALUES): string => {
      const form = pluralForm(language, values);
      if (form === null || options.i18nextOnly === true || hasI18nextOption(values)) return translateByI18next(key, values);
      const template = templateOf(key, form, values);
      if (template === MISSING) throw new MissingTranslationError(language, key);
      return (template && fillTemplate(template, values)) ?? translateByI18next(key, values);
    };
    const t: Translate = (key, values) => translate(key, values);
    return {
      language,
      direction: LANGUAGE_INFO[language].direction,
      t,
      has,
      number: (value) => formatNumber(language, value),
      ordinal: (value) => translate('format.ordinal', { count: value, ordinal: true, n: formatNumber(language, value) }),
      date: (isoDate) => formatDate(language, isoDate),
      name,
      tableLine: (line) => (rtl ? isolateLtrLine(line) : line),
    };
  };
  return {
    translator(language) {
      let translator = translators.get(language);
      if (translator === undefined) {
        translator = build(language);
        translators.set(language, translator);
      }
      return translator;
    },
  };
};

let shared: I18n | null = null;
/**
 * The shipped texts and club names, one instance per process: i18next's and the lookups it memoizes
 * (per language, per key) are kept once, whether a reply, a post or a renderer's English default asks.
 * The bot's composition (app.ts) hands it to the commands and the scheduler.
 */
export const sharedI18n = (): I18n => (shared ??= createI18n());
