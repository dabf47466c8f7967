// Intl in the reply's language: numbers and date-only values (kickoffs stay Discord timestamps,
// `<t:…>`, which each reader's client shows in their own zone and language). Western digits always:
// scores and tables read the same in every language, and Arabic fans use them for football.
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
export const formatDate = (language: Language, isoDate: string, month: 'long' | 'short' = 'long'): string => {
  const key = `${language}:${month}:${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const parts = ISO_DATE.exec(isoDate);
    if (parts === null) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
    const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
    text = dateFormat(language, month).format(date);
    if (formattedDates.size >= FORMATTED_DATES_LIMIT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
};

// Each date's words, kept: a reply's lines name the same few hundred match days, in four languages, and
// Intl's format costs microseconds a call. Bounded, as dates come from data.
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_LIMIT = 10_000;

// One formatter per language and month style: building an Intl.DateTimeFormat costs about 0.1 ms, and
// a fixtures reply formats dozens of dates.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

const dateFormat = (language: Language, month: 'long' | 'short'): Intl.DateTimeFormat => {
  const key = `${language}:${month}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(intlTag(language), { day: 'numeric', month, year: 'numeric', timeZone: 'UTC', numberingSystem: 'latn' });
    dateFormats.set(key, format);
  }
  return format;
};

/** The CLDR plural categories a language's resource file must give for a counted key. */
export const pluralCategories = (language: Language, type: Intl.PluralRuleType = 'cardinal'): readonly string[] =>
  new Intl.PluralRules(pluralLocale(language), { type }).resolvedOptions().pluralCategories;
