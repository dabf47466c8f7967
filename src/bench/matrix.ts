// Each command's argument matrix, derived from the command definitions the bot registers (so a new
// option or choice is benched without editing this file): no options, then every optional option
// alone over each of its values, with required options cycling through theirs. Values: every choice;
// for an autocompleted option, the bot's own autocomplete answers; integers at min, middle and max;
// booleans both ways; a channel option the guild's announcement channel. A full cross product would
// be thousands of mostly-empty combinations per command; one option at a time reaches every code
// path an option selects.
import type { APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

export type OptionValue = string | number | boolean;

/** One call's arguments: what the stand-in's chatInput spec takes, minus guild/user/locale. */
export interface CallArgs {
  readonly name: string;
  readonly subcommand?: string;
  readonly options: Readonly<Record<string, OptionValue>>;
}

export interface MatrixInputs {
  /** Values for each option the bot autocompletes (team, competition…), by option name, from its own autocomplete. */
  readonly autocompleteValues: ReadonlyMap<string, readonly string[]>;
  /** A channel id for channel options. */
  readonly channelId: string;
}

/**
 * Subcommands left out, because calling them a thousand times would change the guild's setup or post
 * to a channel (rate-limited, so the bench would time Discord's limits rather than the bot).
 */
export const SKIPPED_SUBCOMMANDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['announcements', ['set', 'off', 'roles', 'test']],
]);

const OPTION = { SUB_COMMAND: 1, SUB_COMMAND_GROUP: 2, STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, CHANNEL: 7, ROLE: 8, MENTIONABLE: 9, NUMBER: 10 } as const;

type LeafOption = Exclude<APIApplicationCommandOption, { type: 1 | 2 }>;

const valuesOf = (option: LeafOption, inputs: MatrixInputs): OptionValue[] => {
  const o = option as { type: number; choices?: { value: OptionValue }[]; autocomplete?: boolean; min_value?: number; max_value?: number };
  if (o.choices && o.choices.length > 0) return o.choices.map((c) => c.value);
  switch (o.type) {
    case OPTION.STRING:
      return o.autocomplete ? [...(inputs.autocompleteValues.get(option.name) ?? [])] : [];
    case OPTION.INTEGER:
    case OPTION.NUMBER: {
      const min = o.min_value ?? 1;
      const max = o.max_value ?? min + 10;
      return [...new Set([min, Math.round((min + max) / 2), max])];
    }
    case OPTION.BOOLEAN:
      return [true, false];
    case OPTION.CHANNEL:
      return [inputs.channelId];
    default:
      // Users, roles, mentionables: the bot's commands take none a fan must give.
      return [];
  }
};

/** Every call of one (sub)command's matrix. */
const leafMatrix = (name: string, subcommand: string | undefined, options: readonly LeafOption[], inputs: MatrixInputs): CallArgs[] => {
  const required = options.filter((o) => o.required).map((o) => ({ name: o.name, values: valuesOf(o, inputs) }));
  const optional = options.filter((o) => !o.required).map((o) => ({ name: o.name, values: valuesOf(o, inputs) }));
  if (required.some((r) => r.values.length === 0)) return [];
  let turn = 0;
  const base = (): Record<string, OptionValue> => {
    const args = Object.fromEntries(required.map((r) => [r.name, r.values[turn % r.values.length] as OptionValue]));
    turn++;
    return args;
  };
  const calls: CallArgs[] = [];
  const cycle = Math.max(1, ...required.map((r) => r.values.length));
  for (let i = 0; i < cycle; i++) calls.push({ name, ...(subcommand ? { subcommand } : {}), options: base() });
  for (const opt of optional) {
    for (const value of opt.values) calls.push({ name, ...(subcommand ? { subcommand } : {}), options: { ...base(), [opt.name]: value } });
  }
  return calls;
};

export const commandMatrix = (command: RESTPostAPIChatInputApplicationCommandsJSONBody, inputs: MatrixInputs): CallArgs[] => {
  const options = command.options ?? [];
  const subcommands = options.filter((o) => o.type === OPTION.SUB_COMMAND);
  if (subcommands.length === 0) return leafMatrix(command.name, undefined, options as LeafOption[], inputs);
  const skipped = SKIPPED_SUBCOMMANDS.get(command.name) ?? [];
  return subcommands
    .filter((sub) => !skipped.includes(sub.name))
    .flatMap((sub) => leafMatrix(command.name, sub.name, ((sub as { options?: LeafOption[] }).options ?? []), inputs));
};

/** The names of a command's autocompleted options (top level or in subcommands). */
export const autocompletedOptions = (command: RESTPostAPIChatInputApplicationCommandsJSONBody): { subcommand?: string; option: string }[] =>
  (command.options ?? []).flatMap((o) => {
    if (o.type === OPTION.SUB_COMMAND) {
      return ((o as { options?: LeafOption[] }).options ?? [])
        .filter((leaf) => (leaf as { autocomplete?: boolean }).autocomplete)
        .map((leaf) => ({ subcommand: o.name, option: leaf.name }));
    }
    return (o as { autocomplete?: boolean }).autocomplete ? [{ option: o.name }] : [];
  });
