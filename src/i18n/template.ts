// A translation's text, resolved once per (language, key, plural form) through i18next, then filled in
// here: a lookup with values it has not met (a team name, a date) no longer runs i18next (90–220 µs a
// lookup). What this fills is exactly what i18next would write with our settings (escapeValue false,
// skipOnVariables on): each {{name}} replaced by its value, left to right, values never re-read. Anything
// else i18next can do (formats `{{n, number}}`, unescaped `{{- x}}`, nesting `$t(…)`, a missing or
// non-scalar value, an i18next option among the values) is left to i18next: `compileTemplate` or
// `fillTemplate` answers null and the caller asks i18next. test/i18n/template.test.ts compares both
// on every key of every language.

/** i18next's default interpolation pattern, the same regular expression. */
const PLACEHOLDER = /{{(.+?)}}/g;
/** A value name i18next would look up directly (no dotted path, no format). */
const PLAIN_NAME = /^\w+$/;

export interface Template {
  /** Literal text around the placeholders: one more than `names`. */
  readonly parts: readonly string[];
  readonly names: readonly string[];
}

/** The text split at its placeholders; null when it uses anything but plain {{name}} placeholders. */
export const compileTemplate = (text: string): Template | null => {
  if (text.includes('{{-') || text.includes('$t(')) return null;
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!PLAIN_NAME.test(name)) return null;
    parts.push(text.slice(last, match.index));
    names.push(name);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return { parts, names };
};

type Values = Readonly<Record<string, unknown>>;

/** The filled text; null when a placeholder's value is not an own string or number (i18next decides those). */
export const fillTemplate = (template: Template, values: Values): string | null => {
  const { parts, names } = template;
  let out = parts[0] ?? '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (!Object.hasOwn(values, name)) return null;
    const value = values[name];
    if (typeof value === 'string') out += value;
    else if (typeof value === 'number') out += String(value);
    else return null;
    out += parts[i + 1] ?? '';
  }
  return out;
};

// Names i18next reads from the options object it is given along with the values: a value under one of
// these names changes what i18next looks up or writes, so such a lookup is left to i18next. (`count`
// and `ordinal` are the two the template cache understands: they pick the plural form.)
const I18NEXT_OPTIONS = new Set([
  'appendNamespaceToCIMode',
  'applyPostProcessor',
  'context',
  'defaultValue',
  'fallbackLng',
  'formatParams',
  'interpolation',
  'joinArrays',
  'keyPrefix',
  'keySeparator',
  'lng',
  'lngs',
  'missingInterpolationHandler',
  'missingKeyNoValueFallbackToKey',
  'nest',
  'ns',
  'nsSeparator',
  'postProcess',
  'replace',
  'returnDetails',
  'returnEmptyString',
  'returnNull',
  'returnObjects',
  'skipInterpolation',
]);

/** Whether the values carry a name i18next takes as an option (so the template cache must not answer). */
export const hasI18nextOption = (values: Values): boolean => {
  for (const name in values) {
    if (I18NEXT_OPTIONS.has(name) || name.startsWith('defaultValue')) return true;
  }
  return false;
};
