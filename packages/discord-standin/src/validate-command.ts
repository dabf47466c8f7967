/** Application-command rules Discord checks on create/overwrite (interactions/application-commands.mdx). */
import { Locale } from 'discord-api-types/v10';
import { formError } from './errors.js';
import type { Json } from './types.js';

/** Discord's available locales (reference.mdx#locales): no other key is accepted in a localizations dictionary. */
const LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

function checkName(name: unknown, path: string, chatInput: boolean): void {
  if (typeof name !== 'string' || name.length < 1 || name.length > 32) {
    throw formError(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  }
  if (chatInput && (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())) {
    throw formError(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(description: unknown, path: string): void {
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    throw formError(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

type LocalizedText = 'name' | 'description' | 'choice';

/**
 * A `name_localizations`/`description_localizations` dictionary: null or absent, or keys from the
 * available locales (an unknown key such as `ar` fails the whole request) with values under the same
 * rules as the field they translate. (The error code for a bad key is our reading of Discord's
 * enum-validation errors; the 400 and 50035 are what matter to a client.)
 */
function checkLocalizations(dictionary: unknown, path: string, text: LocalizedText, chatInput: boolean): void {
  if (dictionary === undefined || dictionary === null) return;
  if (typeof dictionary !== 'object' || Array.isArray(dictionary)) throw formError(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  for (const [locale, value] of Object.entries(dictionary as Json)) {
    const at = `${path}.${locale}`;
    if (!LOCALES.has(locale)) throw formError(at, 'BASE_TYPE_CHOICES', `Value must be one of (${[...LOCALES].map((l) => `'${l}'`).join(', ')}).`);
    if (text === 'name') checkName(value, at, chatInput);
    else if (text === 'description') checkDescription(value, at);
    else if (typeof value !== 'string' || value.length < 1 || value.length > 100) throw formError(at, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

/** The longest of a text and its localizations: what counts toward the command's size. */
function longest(value: unknown, localizations: unknown): number {
  const texts = [String(value ?? ''), ...(localizations && typeof localizations === 'object' ? Object.values(localizations as Json).map(String) : [])];
  return Math.max(...texts.map((t) => t.length));
}

/**
 * Sum of names, descriptions and choice names/values, which Discord caps at 8000 per command (the
 * docs' older pages say 4000); with localizations, only the longest text of each field counts.
 */
function sizeOf(node: Json): number {
  let total = longest(node.name, node.name_localizations) + longest(node.description, node.description_localizations);
  for (const c of (node.choices as Json[] | undefined) ?? []) total += longest(c.name, c.name_localizations) + String(c.value ?? '').length;
  for (const o of (node.options as Json[] | undefined) ?? []) total += sizeOf(o);
  return total;
}

function checkOptions(options: unknown, path: string): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) throw formError(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (options.length > 25) throw formError(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const seen = new Set<string>();
  let sawOptional = false;
  (options as Json[]).forEach((o, i) => {
    const at = `${path}.${i}`;
    checkName(o.name, `${at}.name`, true);
    checkDescription(o.description, `${at}.description`);
    checkLocalizations(o.name_localizations, `${at}.name_localizations`, 'name', true);
    checkLocalizations(o.description_localizations, `${at}.description_localizations`, 'description', true);
    if (seen.has(String(o.name))) throw formError(`${at}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    seen.add(String(o.name));
    const isSub = o.type === SUB_COMMAND || o.type === SUB_COMMAND_GROUP;
    if (!isSub) {
      if (o.required) {
        if (sawOptional) throw formError(`${at}.required`, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      } else {
        sawOptional = true;
      }
    }
    const choices = o.choices as Json[] | undefined;
    if (choices) {
      if (choices.length > 25) throw formError(`${at}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (o.autocomplete) throw formError(`${at}.autocomplete`, 'APPLICATION_COMMAND_OPTION_CHOICES_AND_AUTOCOMPLETE', 'Autocomplete cannot be enabled with choices');
      choices.forEach((c, j) => {
        if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) {
          throw formError(`${at}.choices.${j}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        }
        if (typeof c.value === 'string' && c.value.length > 100) {
          throw formError(`${at}.choices.${j}.value`, 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        }
        checkLocalizations(c.name_localizations, `${at}.choices.${j}.name_localizations`, 'choice', true);
      });
    }
    checkOptions(o.options, `${at}.options`);
  });
  checkLocalizedOptionNames(options as Json[], path);
}

/**
 * A localized option name must differ from every other option's default name, and from every other
 * option's name in that locale (application-commands.mdx, Localization).
 */
function checkLocalizedOptionNames(options: Json[], path: string): void {
  const defaults = options.map((o) => String(o.name));
  const locales = new Set(options.flatMap((o) => Object.keys((o.name_localizations as Json | null | undefined) ?? {})));
  for (const locale of locales) {
    const inLocale = options.map((o) => String(((o.name_localizations as Json | null | undefined) ?? {})[locale] ?? o.name));
    inLocale.forEach((name, i) => {
      const clash = inLocale.some((other, j) => j !== i && other === name) || defaults.some((other, j) => j !== i && other === name);
      if (clash) {
        throw formError(`${path}.${i}.name_localizations.${locale}`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      }
    });
  }
}

/** Throws Discord's 50035 for the first broken rule. `path` prefixes the error keys (e.g. "0" in a bulk PUT). */
export function validateCommand(cmd: Json, path = ''): void {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const type = (cmd.type as number | undefined) ?? 1;
  checkName(cmd.name, at('name'), type === 1);
  checkLocalizations(cmd.name_localizations, at('name_localizations'), 'name', type === 1);
  if (type === 1) {
    checkDescription(cmd.description, at('description'));
    checkLocalizations(cmd.description_localizations, at('description_localizations'), 'description', true);
    checkOptions(cmd.options, at('options'));
    if (sizeOf(cmd) > 8000) throw formError(at('name'), 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (8000)');
  } else if (cmd.description) {
    throw formError(at('description'), 'APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED', 'Description must be empty for context menu commands');
  }
}

/** Bulk overwrite: each command valid, (type, name) unique, at most 100 chat-input commands. */
export function validateCommandList(cmds: unknown): Json[] {
  if (!Array.isArray(cmds)) throw formError('_root', 'BASE_TYPE_ARRAY', 'Must be an array.');
  const list = cmds as Json[];
  const seen = new Set<string>();
  list.forEach((c, i) => {
    validateCommand(c, String(i));
    const key = `${(c.type as number | undefined) ?? 1}:${String(c.name)}`;
    if (seen.has(key)) throw formError(`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
  });
  if (list.filter((c) => ((c.type as number | undefined) ?? 1) === 1).length > 100) {
    throw formError('_root', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  }
  return list;
}
