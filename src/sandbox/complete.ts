import {
  OptionType,
  leafOptions,
  nextSubcommands,
  tokenize,
  type CommandDefinition,
  type GuildDirectory,
} from './parse-command.js';

// Tab completion for the prompt, pure: command names, subcommands, option names, choice values,
// channels, roles and booleans. Values of autocomplete options need the bot, so they come back as a
// request the session answers by sending an AUTOCOMPLETE interaction.

export interface MetaCommandHelp {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
}

export interface CompletionContext {
  readonly commands: readonly CommandDefinition[];
  readonly guild: GuildDirectory;
  readonly metaCommands: readonly MetaCommandHelp[];
}

export interface Completion {
  /** Whole replacements for `fragment` (readline's completer contract). */
  readonly candidates: readonly string[];
  /** The end of the line being completed. */
  readonly fragment: string;
  /** Set when the fragment is the value of an autocomplete option: ask the bot. */
  readonly autocomplete?: { readonly option: string; readonly typed: string };
}

/** Quotes a value that has spaces or quotes, so it survives tokenize(). */
export const quoteValue = (value: string): string => {
  if (!/[\s"']/.test(value)) return value;
  return value.includes('"') ? `'${value}'` : `"${value}"`;
};

const startsWithIgnoringCase = (text: string, prefix: string): boolean => text.toLowerCase().startsWith(prefix.toLowerCase());

const pick = (names: readonly string[], typed: string): string[] => names.filter((n) => startsWithIgnoringCase(n, typed));

/** Completes `line` (text up to the cursor). */
export const completeLine = (line: string, ctx: CompletionContext): Completion => {
  const trimmedStart = line.trimStart();
  if (trimmedStart.startsWith(':')) {
    if (/\s/.test(trimmedStart)) return completeMetaArgument(trimmedStart, ctx);
    return { candidates: pick(ctx.metaCommands.map((m) => `:${m.name}`), trimmedStart), fragment: trimmedStart };
  }
  if (trimmedStart === '') return { candidates: ctx.commands.map((c) => `/${c.name}`), fragment: '' };
  if (!trimmedStart.startsWith('/')) return { candidates: [], fragment: '' };

  const body = trimmedStart.slice(1);
  const endsInSpace = /\s$/.test(body);
  const tokens = tokenize(body);
  const first = tokens[0];
  if (!first || (tokens.length === 1 && !endsInSpace)) {
    const typed = first?.value ?? '';
    return { candidates: pick(ctx.commands.map((c) => `/${c.name}`), `/${typed}`), fragment: `/${typed}` };
  }
  const command = ctx.commands.find((c) => c.name === first.value.toLowerCase());
  if (!command) return { candidates: [], fragment: '' };

  // The words before the one being typed fix the subcommand path and the options already given.
  const done = endsInSpace ? tokens.slice(1) : tokens.slice(1, -1);
  const current = endsInSpace ? null : (tokens[tokens.length - 1] ?? null);
  const path: string[] = [];
  let index = 0;
  while (nextSubcommands(command, path).length > 0 && done[index] && done[index]?.key === null) {
    path.push((done[index]?.value ?? '').toLowerCase());
    index += 1;
  }
  const subs = nextSubcommands(command, path);
  if (subs.length > 0) {
    const typed = current?.key === null ? current.value : '';
    return { candidates: pick(subs, typed), fragment: typed };
  }

  const definitions = leafOptions(command, path);
  const used = new Set(done.slice(index).map((t) => t.key).filter((k): k is string => k !== null));
  if (current === null || current.key === null) {
    const typed = current?.value ?? '';
    const names = definitions.filter((o) => !used.has(o.name)).map((o) => `${o.name}:`);
    return { candidates: pick(names, typed), fragment: typed };
  }

  const option = definitions.find((o) => o.name === current.key);
  const fragment = body.slice(current.start);
  if (!option) return { candidates: [], fragment };
  const key = `${option.name}:`;
  const typed = current.value;
  const asCandidates = (values: readonly string[]): string[] => pick(values, typed).map((v) => key + quoteValue(v));

  if ('choices' in option && option.choices && option.choices.length > 0) {
    return { candidates: asCandidates(option.choices.map((c) => String(c.value))), fragment };
  }
  if ('autocomplete' in option && option.autocomplete === true) {
    return { candidates: [], fragment, autocomplete: { option: option.name, typed } };
  }
  switch (option.type) {
    case OptionType.Boolean:
      return { candidates: asCandidates(['true', 'false']), fragment };
    case OptionType.Channel:
      return { candidates: asCandidates(ctx.guild.channels.map((c) => `#${c.name}`)), fragment };
    case OptionType.Role:
      return { candidates: asCandidates(ctx.guild.roles.map((r) => `@${r.name}`)), fragment };
    case OptionType.User:
      return { candidates: asCandidates(ctx.guild.users.map((u) => `@${u.username}`)), fragment };
    default:
      return { candidates: [], fragment };
  }
};

const completeMetaArgument = (line: string, ctx: CompletionContext): Completion => {
  const [name = '', ...rest] = line.split(/\s+/);
  const typed = rest.join(' ');
  if (name === ':channel') return { candidates: pick(ctx.guild.channels.map((c) => `#${c.name}`), typed), fragment: typed };
  if (name === ':help') {
    return { candidates: pick([...ctx.commands.map((c) => `/${c.name}`), ...ctx.metaCommands.map((m) => `:${m.name}`)], typed), fragment: typed };
  }
  return { candidates: [], fragment: typed };
};

/** Autocomplete choices from the bot as candidates for the fragment `option:typed`. */
export const autocompleteCandidates = (option: string, choices: readonly { readonly name: string }[]): string[] =>
  choices.map((c) => `${option}:${quoteValue(c.name)}`);

/**
 * Readline replaces the typed word with the candidates' common prefix, which for fuzzy suggestions
 * (`zam` → `Zamalek`, `Al Zamora`) would erase what was typed. Several suggestions that do not all
 * extend the word are listed (on a second Tab) with the word kept as it is.
 */
export const fuzzyCandidates = (candidates: readonly string[], fragment: string): string[] => {
  if (candidates.length <= 1) return [...candidates];
  const lower = fragment.toLowerCase();
  const extending = candidates.filter((c) => c.toLowerCase().startsWith(lower));
  if (extending.length === 1) return extending;
  if (extending.length === candidates.length && candidates.every((c) => c.startsWith(fragment))) return [...candidates];
  return [fragment, ...candidates];
};
