import type { APIApplicationCommandOption } from 'discord.js';

// Reads a slash command typed as a fan would (`/fixtures team:"RS Berkane" when:upcoming`) against the
// command definitions the bot registered, and builds the interaction data Discord would send. Pure.

/** Option types as numbered by the Discord API (ApplicationCommandOptionType). */
export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

const TYPE_NAMES: Record<number, string> = {
  3: 'text',
  4: 'integer',
  5: 'true/false',
  6: 'user',
  7: 'channel',
  8: 'role',
  9: 'user or role',
  10: 'number',
  11: 'attachment',
};

export const optionTypeName = (type: number): string => TYPE_NAMES[type] ?? `type ${type}`;

/** A registered chat-input command, as returned by the commands routes or built by `data.toJSON()`. */
export interface CommandDefinition {
  readonly id?: string;
  readonly name: string;
  /** The names Discord shows in other client languages (`/classement` for `/standings`); typed like the name. */
  readonly name_localizations?: { readonly [locale: string]: string | null | undefined } | null;
  readonly description: string;
  readonly options?: readonly APIApplicationCommandOption[];
}

/** Whether a typed word names this command, option or choice: its name or a localised one. */
const isNamed = (
  item: { readonly name: string; readonly name_localizations?: { readonly [locale: string]: string | null | undefined } | null },
  typed: string,
): boolean => item.name === typed || Object.values(item.name_localizations ?? {}).some((name) => name === typed);

/** What the sandbox's guild contains, to resolve `#channel`, `@Role` and `@user`. */
export interface GuildDirectory {
  readonly id: string;
  readonly channels: readonly { readonly id: string; readonly name: string; readonly type: number }[];
  readonly roles: readonly { readonly id: string; readonly name: string }[];
  readonly users: readonly { readonly id: string; readonly username: string }[];
}

export interface ParsedOption {
  readonly name: string;
  readonly type: number;
  /** As typed, without quotes. */
  readonly raw: string;
  /** Typed value for the interaction; for autocomplete options, the raw text until autocomplete picks. */
  readonly value: string | number | boolean;
  readonly autocomplete: boolean;
}

export interface ParsedCommand {
  readonly command: CommandDefinition;
  /** Subcommand group and/or subcommand names, outermost first. */
  readonly path: readonly string[];
  readonly options: readonly ParsedOption[];
}

export type ParseResult = { readonly ok: true; readonly value: ParsedCommand } | { readonly ok: false; readonly error: string };

/** One word of the line: `key:value` or a bare value; quotes removed. */
export interface Token {
  readonly key: string | null;
  readonly value: string;
  /** Where the token starts and ends in the line (for completion). */
  readonly start: number;
  readonly end: number;
}

const KEY_PATTERN = /^([-_\p{L}\p{N}]+):/u;

/** Splits a line into words; double or single quotes group spaces; `key:"a b"` keeps its key. */
export const tokenize = (line: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i] ?? '')) i += 1;
    if (i >= line.length) break;
    const start = i;
    let text = '';
    let quote: string | null = null;
    let keyEnd = -1;
    while (i < line.length) {
      const ch = line[i] ?? '';
      if (quote !== null) {
        if (ch === quote) quote = null;
        else text += ch;
      } else if (ch === '"' || ch === "'") {
        // An apostrophe inside a word (Côte d'Ivoire) is not a quote.
        if (ch === "'" && text.length > 0 && keyEnd !== text.length) text += ch;
        else quote = ch;
      } else if (/\s/.test(ch)) {
        break;
      } else {
        text += ch;
        if (ch === ':' && keyEnd === -1 && KEY_PATTERN.test(text)) keyEnd = text.length;
      }
      i += 1;
    }
    // `"team:RS Berkane"`: a token quoted as a whole may still carry a key.
    if (keyEnd === -1 && (line[start] === '"' || line[start] === "'")) keyEnd = KEY_PATTERN.exec(text)?.[0].length ?? -1;
    const match = keyEnd > 0 ? KEY_PATTERN.exec(text) : null;
    tokens.push(
      match && match[0].length === keyEnd
        ? { key: (match[1] ?? '').toLowerCase(), value: text.slice(keyEnd), start, end: i }
        : { key: null, value: text, start, end: i },
    );
  }
  return tokens;
};

const isGroupOrSub = (o: APIApplicationCommandOption): boolean =>
  o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup;

/** The leaf options after walking `path`; null when the path is incomplete or wrong. */
export const leafOptions = (command: CommandDefinition, path: readonly string[]): readonly APIApplicationCommandOption[] => {
  let options = command.options ?? [];
  for (const name of path) {
    const next = options.find((o) => isGroupOrSub(o) && o.name === name);
    if (!next || !('options' in next)) return [];
    options = (next.options ?? []) as readonly APIApplicationCommandOption[];
  }
  return options;
};

/** The names a subcommand or group could take next, or [] when the path reaches the leaf options. */
export const nextSubcommands = (command: CommandDefinition, path: readonly string[]): string[] =>
  leafOptions(command, path)
    .filter(isGroupOrSub)
    .map((o) => o.name);

const closest = (input: string, names: readonly string[]): string[] => {
  const lower = input.toLowerCase();
  const starts = names.filter((n) => n.startsWith(lower) || lower.startsWith(n));
  if (starts.length > 0) return starts;
  return names.filter((n) => n.includes(lower) || lower.includes(n.slice(0, 3)));
};

const suggest = (input: string, names: readonly string[]): string => {
  const near = closest(input, names);
  return near.length > 0 ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
};

type Converted = { ok: true; value: string | number | boolean } | { ok: false; error: string };

const stripMention = (raw: string, sigil: string): string => {
  const mention = new RegExp(`^<${sigil}!?&?(\\d+)>$`).exec(raw);
  if (mention) return mention[1] ?? raw;
  return raw.startsWith(sigil) ? raw.slice(sigil.length) : raw;
};

const findByName = <T extends { readonly id: string }>(items: readonly T[], raw: string, nameOf: (item: T) => string): T | undefined => {
  const lower = raw.toLowerCase();
  return items.find((item) => item.id === raw) ?? items.find((item) => nameOf(item).toLowerCase() === lower);
};

/** Converts one typed value to what Discord would send for this option, or explains why it cannot. */
export const convertValue = (option: APIApplicationCommandOption, raw: string, guild: GuildDirectory): Converted => {
  const name = option.name;
  const choices = 'choices' in option ? (option.choices ?? []) : [];
  if (choices.length > 0) {
    const lower = raw.toLowerCase();
    const choice =
      choices.find((c) => String(c.value).toLowerCase() === lower) ??
      choices.find((c) => c.name.toLowerCase() === lower || Object.values(c.name_localizations ?? {}).some((n) => n?.toLowerCase() === lower));
    if (!choice) {
      return { ok: false, error: `${name}: "${raw}" is not one of ${choices.map((c) => String(c.value)).join(', ')}.` };
    }
    return { ok: true, value: choice.value };
  }
  switch (option.type) {
    case OptionType.String: {
      const { min_length: min, max_length: max } = option;
      if (min !== undefined && raw.length < min) return { ok: false, error: `${name}: at least ${min} characters.` };
      if (max !== undefined && raw.length > max) return { ok: false, error: `${name}: at most ${max} characters.` };
      return { ok: true, value: raw };
    }
    case OptionType.Integer:
    case OptionType.Number: {
      const isInteger = option.type === OptionType.Integer;
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || (isInteger && !Number.isInteger(n))) {
        return { ok: false, error: `${name}: "${raw}" is not ${isInteger ? 'a whole number' : 'a number'}.` };
      }
      if (isInteger && Math.abs(n) > Number.MAX_SAFE_INTEGER) return { ok: false, error: `${name}: ${raw} is too large.` };
      const { min_value: min, max_value: max } = option;
      if (min !== undefined && n < min) return { ok: false, error: `${name}: must be at least ${min}.` };
      if (max !== undefined && n > max) return { ok: false, error: `${name}: must be at most ${max}.` };
      return { ok: true, value: n };
    }
    case OptionType.Boolean: {
      const lower = raw.toLowerCase();
      if (['true', 'yes', 'y', 'on', '1'].includes(lower)) return { ok: true, value: true };
      if (['false', 'no', 'n', 'off', '0'].includes(lower)) return { ok: true, value: false };
      return { ok: false, error: `${name}: "${raw}" is not true or false.` };
    }
    case OptionType.Channel: {
      const channel = findByName(guild.channels, stripMention(raw, '#'), (c) => c.name);
      if (!channel) {
        return { ok: false, error: `${name}: no channel "${raw}". Channels: ${guild.channels.map((c) => `#${c.name}`).join(', ')}.` };
      }
      const allowed = option.channel_types;
      if (allowed && allowed.length > 0 && !(allowed as readonly number[]).includes(channel.type)) {
        return { ok: false, error: `${name}: #${channel.name} is not a kind of channel this option accepts.` };
      }
      return { ok: true, value: channel.id };
    }
    case OptionType.Role: {
      const role = findByName(guild.roles, stripMention(raw, '@'), (r) => r.name);
      if (!role) return { ok: false, error: `${name}: no role "${raw}". Roles: ${guild.roles.map((r) => `@${r.name}`).join(', ')}.` };
      return { ok: true, value: role.id };
    }
    case OptionType.User: {
      const user = findByName(guild.users, stripMention(raw, '@'), (u) => u.username);
      if (!user) return { ok: false, error: `${name}: no user "${raw}". Users: ${guild.users.map((u) => `@${u.username}`).join(', ')}.` };
      return { ok: true, value: user.id };
    }
    case OptionType.Mentionable: {
      const bare = stripMention(raw, '@');
      const target = findByName(guild.roles, bare, (r) => r.name) ?? findByName(guild.users, bare, (u) => u.username);
      if (!target) return { ok: false, error: `${name}: no user or role "${raw}".` };
      return { ok: true, value: target.id };
    }
    default:
      return { ok: false, error: `${name}: ${optionTypeName(option.type)} options cannot be typed in the sandbox.` };
  }
};

/**
 * Parses `/name [group] [sub] key:value …`. Words with no `key:` right after an option continue its
 * value (`team:RS Berkane` works without quotes), as they would in Discord's option box.
 */
export const parseCommandLine = (
  line: string,
  commands: readonly CommandDefinition[],
  guild: GuildDirectory,
  mode: { readonly partial?: boolean } = {},
): ParseResult => {
  // Partial: a line still being typed (for autocomplete while completing). Missing required options
  // are fine, an empty value stays empty, and values that do not convert yet are left out.
  const partial = mode.partial === true;
  const trimmed = line.trim();
  if (!trimmed.startsWith('/')) return { ok: false, error: 'A slash command starts with "/", e.g. /standings group:B' };
  const tokens = tokenize(trimmed.slice(1));
  const first = tokens[0];
  if (!first || first.key !== null || first.value === '') return { ok: false, error: 'Type a command name after "/". Try :help.' };
  const commandName = first.value.toLowerCase();
  const command = commands.find((c) => isNamed(c, commandName));
  if (!command) {
    return { ok: false, error: `No command "/${commandName}".${suggest(commandName, commands.map((c) => c.name))} Try :help.` };
  }

  const path: string[] = [];
  let index = 1;
  for (;;) {
    const subs = nextSubcommands(command, path);
    if (subs.length === 0) break;
    const token = tokens[index];
    const usage = `/${[command.name, ...path].join(' ')} ${subs.join('|')}`;
    if (!token || token.key !== null) return { ok: false, error: `/${command.name} needs a subcommand: ${usage}` };
    const typedSub = token.value.toLowerCase();
    const sub = leafOptions(command, path).find((o) => isGroupOrSub(o) && isNamed(o, typedSub))?.name;
    if (sub === undefined) return { ok: false, error: `No subcommand "${typedSub}".${suggest(typedSub, subs)} Usage: ${usage}` };
    path.push(sub);
    index += 1;
  }

  const definitions = leafOptions(command, path);
  const typed = new Map<string, string>();
  let lastKey: string | null = null;
  for (const token of tokens.slice(index)) {
    if (token.key === null) {
      const previous = lastKey === null ? undefined : definitions.find((o) => o.name === lastKey);
      if (previous && lastKey !== null && previous.type === OptionType.String) {
        typed.set(lastKey, `${typed.get(lastKey) ?? ''}${typed.get(lastKey) ? ' ' : ''}${token.value}`);
        continue;
      }
      const names = definitions.map((o) => `${o.name}:`);
      return {
        ok: false,
        error: `"${token.value}" has no option name. Write name:value${names.length > 0 ? ` (${names.join(' ')})` : ''}.`,
      };
    }
    const definition = definitions.find((o) => isNamed(o, token.key ?? ''));
    if (!definition) {
      const names = definitions.map((o) => o.name);
      const hint = names.length > 0 ? `${suggest(token.key, names)} Options: ${names.join(', ')}.` : ' It takes no options.';
      return { ok: false, error: `/${[command.name, ...path].join(' ')} has no option "${token.key}".${hint}` };
    }
    // Kept under the option's own name: the interaction carries it, whatever language it was typed in.
    if (typed.has(definition.name)) return { ok: false, error: `Option "${token.key}" is given twice.` };
    typed.set(definition.name, token.value);
    lastKey = definition.name;
  }

  const options: ParsedOption[] = [];
  for (const definition of definitions) {
    const raw = typed.get(definition.name);
    if (raw === undefined) {
      if (definition.required === true && !partial) {
        return { ok: false, error: `/${[command.name, ...path].join(' ')} needs ${definition.name}: (${definition.description}).` };
      }
      continue;
    }
    const autocomplete = 'autocomplete' in definition && definition.autocomplete === true;
    if (raw === '' && !(partial && autocomplete)) {
      if (partial) continue;
      return { ok: false, error: `Option "${definition.name}" has no value. Write ${definition.name}:value.` };
    }
    if (autocomplete && definition.type === OptionType.String) {
      options.push({ name: definition.name, type: definition.type, raw, value: raw, autocomplete });
      continue;
    }
    const converted = convertValue(definition, raw, guild);
    if (!converted.ok && partial) continue;
    if (!converted.ok) return { ok: false, error: converted.error };
    options.push({ name: definition.name, type: definition.type, raw, value: converted.value, autocomplete });
  }
  return { ok: true, value: { command, path, options } };
};

/** One option in interaction data (the API's APIApplicationCommandInteractionDataOption, loosely). */
export interface InteractionDataOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly focused?: boolean;
  readonly options?: readonly InteractionDataOption[];
}

export interface ChatInputData {
  readonly id: string;
  readonly name: string;
  readonly type: 1;
  readonly guild_id: string;
  readonly options?: readonly InteractionDataOption[];
}

/**
 * The `data` of an APPLICATION_COMMAND interaction, or of an AUTOCOMPLETE one when `focused` names the
 * option being typed (Discord sends the focused value as the raw text). `values` overrides parsed values
 * (autocomplete picks). The stand-in adds `resolved` for channels, roles and users when it dispatches.
 */
export const toInteractionData = (
  parsed: ParsedCommand,
  guild: GuildDirectory,
  opts: { readonly focused?: string; readonly values?: ReadonlyMap<string, string | number | boolean> } = {},
): ChatInputData => {
  const leaf: InteractionDataOption[] = parsed.options.map((o) =>
    o.name === opts.focused
      ? { name: o.name, type: o.type, value: o.raw, focused: true }
      : { name: o.name, type: o.type, value: opts.values?.get(o.name) ?? o.value },
  );
  let options: InteractionDataOption[] = leaf;
  const leafDefinitions = (p: readonly string[]) => (p.length === 0 ? parsed.command.options ?? [] : leafOptions(parsed.command, p));
  for (let i = parsed.path.length - 1; i >= 0; i -= 1) {
    const name = parsed.path[i] ?? '';
    const definition = leafDefinitions(parsed.path.slice(0, i)).find((o) => o.name === name);
    options = [{ name, type: definition?.type ?? OptionType.Subcommand, options }];
  }

  return {
    id: parsed.command.id ?? '0',
    name: parsed.command.name,
    type: 1,
    guild_id: guild.id,
    ...(options.length > 0 ? { options } : {}),
  };
};

/** `/fixtures [team] [stage] …` style usage lines for :help, one per subcommand. */
export const usageLines = (command: CommandDefinition): string[] => {
  const lines: string[] = [];
  const walk = (path: readonly string[]): void => {
    const options = leafOptions(command, path);
    const subs = options.filter(isGroupOrSub);
    if (subs.length > 0) {
      for (const sub of subs) walk([...path, sub.name]);
      return;
    }
    const args = options.map((o) => {
      const shown = `${o.name}:${'choices' in o && o.choices && o.choices.length > 0 ? o.choices.map((c) => String(c.value)).join('|') : optionTypeName(o.type)}`;
      return o.required === true ? shown : `[${shown}]`;
    });
    lines.push(['/' + [command.name, ...path].join(' '), ...args].join(' '));
  };
  walk([]);
  return lines;
};
