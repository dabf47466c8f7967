// Command names, descriptions, option names and choice names in every Discord locale we speak, from
// the `commands` section of the resource files. Keys follow the English definition:
// commands.<command>.options.<option or subcommand>….choices.<choice value>.
import { LANGUAGE_INFO, LANGUAGES, type Language } from './languages.js';
import { RESOURCES, type ResourceTree } from './resources.js';

/** The parts of a command or option definition that carry text (discord.js's toJSON() output). */
interface Localizable {
  readonly name: string;
  readonly description?: string;
  readonly options?: readonly Localizable[];
  readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
}

type Localizations = Record<string, string>;

/** The languages whose command text Discord can show, with the locales it goes to. */
const LOCALISED = LANGUAGES.filter((language) => LANGUAGE_INFO[language].commandLocales.length > 0);

/** Thrown when a resource file lacks a command text: the definitions and the files went out of step. */
export class MissingCommandTextError extends Error {
  constructor(language: Language, path: readonly string[]) {
    super(`${language}.json has no text at ${path.join('.')}`);
    this.name = 'MissingCommandTextError';
  }
}

const lookup = (language: Language, path: readonly string[]): string => {
  let node: string | ResourceTree | undefined = RESOURCES[language];
  for (const part of path) {
    node = typeof node === 'object' && Object.hasOwn(node, part) ? node[part] : undefined;
  }
  if (typeof node !== 'string') throw new MissingCommandTextError(language, path);
  return node;
};

/**
 * The texts at `path` by Discord locale. A text equal to the default is left out: Discord ignores it
 * (and would not return it, so the registration sync would see a difference on every start).
 */
const localizationsOf = (path: readonly string[], fallback: string): Localizations | undefined => {
  const out: Localizations = {};
  for (const language of LOCALISED) {
    const text = lookup(language, path);
    if (text === fallback) continue;
    for (const locale of LANGUAGE_INFO[language].commandLocales) out[locale] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
};

const withLocalizations = (key: string, localizations: Localizations | undefined): Record<string, Localizations> =>
  localizations === undefined ? {} : { [key]: localizations };

const localizeNode = <T extends Localizable>(node: T, path: readonly string[]): T => ({
  ...node,
  ...withLocalizations('name_localizations', localizationsOf([...path, 'name'], node.name)),
  ...(node.description === undefined
    ? {}
    : withLocalizations('description_localizations', localizationsOf([...path, 'description'], node.description))),
  ...(node.options === undefined ? {} : { options: node.options.map((o) => localizeNode(o, [...path, 'options', o.name])) }),
  ...(node.choices === undefined
    ? {}
    : {
        choices: node.choices.map((c) => ({
          ...c,
          ...withLocalizations('name_localizations', localizationsOf([...path, 'choices', String(c.value)], c.name)),
        })),
      }),
});

/** What localizeCommand adds to the command itself (its options and choices get the same). */
export interface LocalizedFields {
  readonly name_localizations?: Readonly<Localizations>;
  readonly description_localizations?: Readonly<Localizations>;
}

/** A command definition (toJSON() output) with `name_localizations`/`description_localizations` everywhere. */
export const localizeCommand = <T extends Localizable>(json: T): T & LocalizedFields => localizeNode(json, ['commands', json.name]);

/**
 * Wraps a command builder so its registered definition carries the localisations:
 * `data: localized(new SlashCommandBuilder().setName('standings')…)`.
 */
export const localized = <J extends Localizable>(builder: { readonly name: string; toJSON(): J }): { readonly name: string; toJSON(): J } => ({
  name: builder.name,
  toJSON: () => localizeCommand(builder.toJSON()),
});

/**
 * A command word (`['language', 'options', 'set']`) as the user's command picker shows it: localised
 * when their Discord client's locale is one we localise commands for, English otherwise. What a reply
 * names must match what the user can type, whatever language the reply itself is in.
 */
export const commandWord = (clientLocale: string | null, path: readonly string[]): string => {
  const language = LOCALISED.find((l) => clientLocale !== null && LANGUAGE_INFO[l].commandLocales.includes(clientLocale));
  return lookup(language ?? 'en', ['commands', ...path, 'name']);
};

/** `/language set` (or `/langue choisir` for a French client): a command and its subcommands, by English name. */
export const commandMention = (clientLocale: string | null, command: string, ...subcommands: string[]): string => {
  const words = [commandWord(clientLocale, [command])];
  const path = [command];
  for (const sub of subcommands) {
    path.push('options', sub);
    words.push(commandWord(clientLocale, path));
  }
  return `/${words.join(' ')}`;
};
