import type { APIApplicationCommandOption } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import { expect, test } from 'vitest';
import { commands } from '../../../src/discord/commands/index.js';

const json = commands.map((c) => c.data.toJSON());
const options = (opts: readonly APIApplicationCommandOption[] | undefined): APIApplicationCommandOption[] =>
  (opts ?? []).flatMap((o) =>
    o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup ? [o, ...options(o.options)] : [o],
  );

test('every command is registered once: the fans\' commands, then the admin command', () => {
  expect(json.map((c) => c.name)).toEqual([
    'fixtures',
    'standings',
    'scorers',
    'team',
    'match',
    'bracket',
    'schedule',
    'rankings',
    'about',
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
  expect(JSON.stringify(command).length).toBeLessThan(8000);
});

test('commands with an autocomplete option implement autocomplete()', () => {
  for (const c of commands) {
    const wantsAutocomplete = options(c.data.toJSON().options).some((o) => 'autocomplete' in o && o.autocomplete === true);
    expect(typeof c.autocomplete === 'function').toBe(wantsAutocomplete);
  }
});

test('the registered definitions (a change here means: redeploy the commands)', () => {
  expect(json).toMatchSnapshot();
});
