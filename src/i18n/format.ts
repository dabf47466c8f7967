// Intl in the reply's language: numbers and date-only values (kickoffs stay Discord timestamps,
// `<t:…>`, which each reader's client shows in their own zone and language). Western digits always:
// scores and tables read the same in every language, and Arabic fans use them for football.
import { memoByString } from '../domain/memo.js';
import { LANGUAGE_INFO, pluralLocale, type Language } from './languages.js';

/** The Intl tag for a language, with Western (latn) digits asked for explicitly. */
export const intlTag = (language: Language): string => `${LANGUAGE_INFO[language].intlLocale}-u-nu-latn`;

const numberFormats = new Map<string, Intl.NumberFormat>();

export const numberFormat = (language: Language, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
  const key = `${language}${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(intlTag(language), { ...options, numberingSystem: 'latn' });
    numberFormats.set(key, format);
  }
  return format;
};

/**
 * A whole number from 0 to 999 reads the same in every language with Western digits (no group separator,
 * no sign mark): it needs no Intl.NumberFormat, whose locale data costs several MiB of memory once
 * loaded, so a process that prints only such numbers (most replies: points, goals, matchdays) never loads it.
 */
const isPlainSmallNumber = (value: number): boolean => Number.isInteger(value) && value >= 0 && value < 1_000 && !Object.is(value, -0);

export const formatNumber = (language: Language, value: number, options?: Intl.NumberFormatOptions): string =>
  options === undefined && isPlainSmallNumber(value) ? String(value) : numberFormat(language, options).format(value);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date with no time of day (`2024-05-12`: a draw, a matchday's date) in words: "12 May 2024",
 * « 12 mai 2024 », "12 de maio de 2024", «12 مايو 2024». Formatted in UTC, where the value was
 * written, so no zone can move it to the day before.
 */
export const formatDate = (language: Language, isoDate: string, month: 'long' | 'short' = 'long'): string =>
  datesIn(language, month)(isoDate);

// One formatter per language and month style (building an Intl.DateTimeFormat costs about 0.1 ms), and
// each date's words kept beside it: a reply's lines name the same few hundred match days, and Intl's
// format costs microseconds a call. Bounded, as dates come from data.
const dateWords = new Map<string, (isoDate: string) => string>();
const DATES_KEPT_PER_FORMAT = 2_500;

const datesIn = (language: Language, month: 'long' | 'short'): ((isoDate: string) => string) => {
  const key = `${language}:${month}`;
  let words = dateWords.get(key);
  if (words === undefined) {
    const format = new Intl.DateTimeFormat(intlTag(language), { day: 'numeric', month, year: 'numeric', timeZone: 'UTC', numberingSystem: 'latn' });
    words = memoByString(DATES_KEPT_PER_FORMAT, (isoDate) => {
      const parts = ISO_DATE.exec(isoDate);
      if (parts === null) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
      return format.format(new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))));
    });
    dateWords.set(key, words);
  }
  return words;
};

/** The CLDR plural categories a language's resource file must give for a counted key. */
export const pluralCategories = (language: Language, type: Intl.PluralRuleType = 'cardinal'): readonly string[] =>
  new Intl.PluralRules(pluralLocale(language), { type }).resolvedOptions().pluralCategories;
