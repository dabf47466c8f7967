import type { APIApplicationCommandOption } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import { expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';

const json = commands.map((c) => c.data.toJSON());
const options = (opts: readonly APIApplicationCommandOption[] | undefined): APIApplicationCommandOption[] =>
  (opts ?? []).flatMap((o) =>
    o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup ? [o, ...options(o.options)] : [o],
  );

test('every command is registered once: the fans\' commands, /language and /privacy, then the admin command', () => {
  expect(json.map((c) => c.name)).toEqual([
    'fixtures',
    'standings',
    'scorers',
    'team',
    'match',
    'next',
    'bracket',
    'schedule',
    'rankings',
    'about',
    'language',
    'privacy',
    'announcements',
  ]);
  expect(new Set(json.map((c) => c.name)).size).toBe(json.length);
});

test.each(json.map((c) => [c.name, c] as const))('/%s: names, descriptions, option and choice counts are within Discord limits', (_name, command) => {
  expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
  expect(command.description.length).toBeGreaterThan(0);
  expect(command.description.length).toBeLessThanOrEqual(100);
  const all = options(command.options);
  expect((command.options ?? []).length).toBeLessThanOrEqual(25);
  for (const option of all) {
    expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
    expect(option.description.length).toBeGreaterThan(0);
    expect(option.description.length).toBeLessThanOrEqual(100);
    const choices = 'choices' in option ? (option.choices ?? []) : [];
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(String(choice.value).length).toBeLessThanOrEqual(100);
    }
    // An option may not have both fixed choices and autocomplete.
    if ('autocomplete' in option && option.autocomplete) expect(choices).toEqual([]);
  }
  // Discord's rule: names, descriptions and choice names and values together, counting only the longest
  // localization of each field (8000 today; 4000 in older documentation, kept here as the safe bound).
  expect(combinedCharacters(command)).toBeLessThanOrEqual(4000);
});

type Localized = Partial<Record<string, string | null>> | null;
interface Sized {
  readonly name: string;
  readonly description?: string;
  readonly name_localizations?: Localized;
  readonly description_localizations?: Localized;
  readonly options?: readonly unknown[];
  readonly choices?: readonly { name: string; value: string | number; name_localizations?: Localized }[];
}
const longest = (text: string, localized?: Localized): number =>
  Math.max(text.length, ...Object.values(localized ?? {}).map((v) => v?.length ?? 0));
const combinedCharacters = (command: unknown): number => {
  const node = command as Sized;
  return (
    longest(node.name, node.name_localizations) +
    longest(node.description ?? '', node.description_localizations) +
    (node.options ?? []).reduce<number>((sum, o) => sum + combinedCharacters(o), 0) +
    (node.choices ?? []).reduce((sum, c) => sum + longest(c.name, c.name_localizations) + String(c.value).length, 0)
  );
};

test('commands with an autocomplete option implement autocomplete()', () => {
  for (const c of commands) {
    const wantsAutocomplete = options(c.data.toJSON().options).some((o) => 'autocomplete' in o && o.autocomplete === true);
    expect(typeof c.autocomplete === 'function').toBe(wantsAutocomplete);
  }
});

test('the registered definitions (a change here means: redeploy the commands)', () => {
  expect(json).toMatchSnapshot();
});

// Discord's naming rule for chat-input commands and options, localised names included
// (application-commands.mdx, "Application Command Naming"): lowercase where a letter has a lowercase.
const DISCORD_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = ['fr', 'pt-BR'] as const;

test.each(json.map((c) => [c.name, c] as const))('/%s: localised for fr and pt-BR, within the same rules as the English', (_name, command) => {
  type Named = { name: string; name_localizations?: Record<string, string> | null; description?: string; description_localizations?: Record<string, string> | null };
  const check = (node: Named, what: string) => {
    for (const locale of LOCALES) {
      // Left out only where the translation is the English word itself (Discord ignores those).
      const name = node.name_localizations?.[locale] ?? node.name;
      expect(name, `${what} name in ${locale}`).toMatch(DISCORD_NAME);
      expect(name, `${what} name in ${locale}`).toBe(name.toLowerCase());
      if (node.description !== undefined) {
        const description = node.description_localizations?.[locale];
        expect(description, `${what} description in ${locale}`).toBeDefined();
        expect(description!.length).toBeGreaterThan(0);
        expect(description!.length).toBeLessThanOrEqual(100);
      }
    }
    // Discord has no Arabic locale: an `ar` key would make the whole registration a 400.
    expect(Object.keys(node.name_localizations ?? {}).every((k) => (LOCALES as readonly string[]).includes(k))).toBe(true);
  };
  check(command as Named, `/${command.name}`);
  const all = options(command.options);
  for (const option of all) {
    check(option as Named, option.name);
    for (const choice of 'choices' in option ? (option.choices ?? []) : []) {
      for (const locale of LOCALES) expect((choice.name_localizations?.[locale] ?? choice.name).length).toBeLessThanOrEqual(100);
    }
  }
  // A localised option name must differ from the other options' names at its level, in its locale and by default.
  const levels = [command.options ?? [], ...all.map((o) => ('options' in o ? (o.options ?? []) : []))];
  for (const level of levels) {
    for (const locale of LOCALES) {
      const names = level.map((o) => o.name_localizations?.[locale] ?? o.name);
      expect(new Set(names).size).toBe(names.length);
      const defaults = level.map((o) => o.name);
      level.forEach((o, i) => expect(defaults.filter((d, j) => j !== i)).not.toContain(names[i]));
    }
  }
});

test('a French fan finds /standings as /classement, a Portuguese one as /classificação', () => {
  const standings = json.find((c) => c.name === 'standings');
  expect(standings?.name_localizations).toEqual({ fr: 'classement', 'pt-BR': 'classificação' });
});
