import {
  makeURLSearchParams,
  Routes,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../log.js';
import type { Command } from './commands/types.js';

// Registration sync: compare the commands Discord has with ours and PUT only when they differ.
// Re-creating commands on every boot would spend the 200-creations-a-day budget (error 30034);
// an unchanged set costs one GET.

type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface CommandDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Commands present on both sides whose definitions differ, with the top-level fields that differ. */
  readonly changed: readonly { readonly name: string; readonly fields: readonly string[] }[];
}

export interface SyncResult extends CommandDiff {
  readonly scope: 'guild' | 'global';
  /** The server of a guild scope; null for the global one. */
  readonly guildId: string | null;
  /** The commands registered in this scope. */
  readonly count: number;
  /** Whether the bulk overwrite was sent. */
  readonly put: boolean;
}

export interface SyncOptions {
  readonly rest: Pick<REST, 'get' | 'put'>;
  readonly applicationId: string;
  readonly guildId: string | null;
  readonly commands: readonly Pick<Command, 'data'>[];
  readonly log: Logger;
  /** PUT even when nothing differs (the deploy script). */
  readonly force?: boolean;
}

export const isInSync = (diff: CommandDiff): boolean =>
  diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;

export const syncCommands = async (opts: SyncOptions): Promise<SyncResult> => {
  const scope = opts.guildId ? 'guild' : 'global';
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const local = opts.commands.map((c) => c.data.toJSON());
  const log = opts.log.child({ component: 'command-sync', scope, guildId: opts.guildId });

  // With localizations, so a changed translation is seen as a change too.
  const remote = (await opts.rest.get(route, { query: makeURLSearchParams({ with_localizations: true }) })) as unknown[];
  const diff = diffCommands(local, remote);
  const needed = !isInSync(diff);

  if (needed || opts.force) {
    await opts.rest.put(route, { body: local });
    log.info({ ...diff, forced: Boolean(opts.force) && !needed, count: local.length }, 'application commands registered');
  } else {
    log.info({ count: local.length }, 'application commands already up to date');
  }
  return { scope, guildId: opts.guildId, count: local.length, put: needed || Boolean(opts.force), ...diff };
};

export interface ScopedSyncOptions extends Omit<SyncOptions, 'commands'> {
  /** The fans' commands (and /language, /announcements…): global, or in `guildId` when it is set. */
  readonly commands: readonly Pick<Command, 'data'>[];
  /** Commands only editors see (/edit): registered in `editorGuildId` only, never globally. */
  readonly editorCommands: readonly Pick<Command, 'data'>[];
  /** EDITOR_GUILD_ID; null: the editor commands are registered nowhere. */
  readonly editorGuildId: string | null;
}

/** One PUT target and what goes in it: a list replaces the whole scope, so a shared guild gets both lists at once. */
export const commandScopes = (
  opts: Pick<ScopedSyncOptions, 'guildId' | 'commands' | 'editorCommands' | 'editorGuildId'>,
): readonly { readonly guildId: string | null; readonly commands: readonly Pick<Command, 'data'>[] }[] => {
  const main = { guildId: opts.guildId, commands: opts.commands };
  if (opts.editorGuildId === null || opts.editorCommands.length === 0) return [main];
  if (opts.editorGuildId === opts.guildId) return [{ guildId: opts.guildId, commands: [...opts.commands, ...opts.editorCommands] }];
  return [main, { guildId: opts.editorGuildId, commands: opts.editorCommands }];
};

/**
 * Every scope in turn: the fans' commands (global, or DISCORD_GUILD_ID), then the editor server's.
 * A failing scope does not stop the next; the first failure is thrown once all were tried.
 */
export const syncAllCommands = async (opts: ScopedSyncOptions): Promise<readonly SyncResult[]> => {
  const results: SyncResult[] = [];
  let failure: unknown = null;
  for (const scope of commandScopes(opts)) {
    try {
      results.push(await syncCommands({ ...opts, guildId: scope.guildId, commands: scope.commands }));
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== null) throw failure;
  return results;
};

/** Semantic difference between our definitions and what Discord returned, by command name. */
export const diffCommands = (local: readonly CommandJson[], remote: readonly unknown[]): CommandDiff => {
  const remoteByName = new Map<string, Record<string, unknown>>();
  for (const command of remote) {
    if (isRecord(command) && typeof command.name === 'string') remoteByName.set(command.name, command);
  }
  const localNames = new Set(local.map((c) => c.name));

  const added: string[] = [];
  const changed: { name: string; fields: string[] }[] = [];
  for (const command of local) {
    const theirs = remoteByName.get(command.name);
    if (!theirs) {
      added.push(command.name);
      continue;
    }
    const mine = command as unknown as Record<string, unknown>;
    // Server-side defaults we leave unset are not ours to compare.
    const setByUs = new Set(SERVER_DEFAULTED.filter((key) => mine[key] !== undefined && mine[key] !== null));
    const ours = normalizeCommand(mine, setByUs);
    const normalizedTheirs = normalizeCommand(theirs, setByUs);
    const fields = [...new Set([...Object.keys(ours), ...Object.keys(normalizedTheirs)])].filter(
      (key) => stableStringify(ours[key]) !== stableStringify(normalizedTheirs[key]),
    );
    if (fields.length > 0) changed.push({ name: command.name, fields: fields.sort() });
  }
  const removed = [...remoteByName.keys()].filter((name) => !localNames.has(name));
  return { added, removed, changed };
};

/** Fields Discord fills in when a definition leaves them out (global commands also get DM/contexts defaults). */
const SERVER_DEFAULTED = ['contexts', 'integration_types', 'dm_permission'] as const;

/**
 * A command in canonical form: Discord fills in defaults (type 1, required false, null permissions…)
 * and omits empty lists, so both sides are brought to the same shape. Of the SERVER_DEFAULTED fields,
 * only those in `compared` are kept.
 */
export const normalizeCommand = (
  command: Record<string, unknown>,
  compared: ReadonlySet<string> = new Set(),
): Record<string, Json> => {
  const out: Record<string, Json> = {
    name: asJson(command.name),
    description: asJson(command.description ?? ''),
    type: asJson(command.type ?? 1),
    default_member_permissions: asJson(command.default_member_permissions ?? null),
    nsfw: asJson(command.nsfw ?? false),
    options: normalizeOptions(command.options),
  };
  addLocalizations(out, command);
  for (const key of SERVER_DEFAULTED) if (compared.has(key)) out[key] = sortedIfList(command[key]);
  return out;
};

const sortedIfList = (value: unknown): Json =>
  Array.isArray(value) ? [...(value as number[])].sort((x, y) => x - y) : asJson(value);

const OPTION_KEYS = ['channel_types', 'min_value', 'max_value', 'min_length', 'max_length'] as const;

const normalizeOptions = (options: unknown): Json => {
  if (!Array.isArray(options) || options.length === 0) return [];
  return options.filter(isRecord).map((option) => {
    const out: Record<string, Json> = {
      type: asJson(option.type),
      name: asJson(option.name),
      description: asJson(option.description ?? ''),
      required: asJson(option.required ?? false),
      autocomplete: asJson(option.autocomplete ?? false),
      choices: Array.isArray(option.choices)
        ? option.choices.filter(isRecord).map((choice) => {
            const c: Record<string, Json> = { name: asJson(choice.name), value: asJson(choice.value) };
            addLocalizations(c, choice, ['name_localizations']);
            return c;
          })
        : [],
      options: normalizeOptions(option.options),
    };
    for (const key of OPTION_KEYS) {
      const value = option[key];
      if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
      out[key] = sortedIfList(value);
    }
    addLocalizations(out, option);
    return out;
  });
};

const addLocalizations = (
  out: Record<string, Json>,
  source: Record<string, unknown>,
  keys: readonly string[] = ['name_localizations', 'description_localizations'],
): void => {
  for (const key of keys) {
    const value = source[key];
    if (isRecord(value) && Object.keys(value).length > 0) out[key] = asJson(value);
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asJson = (value: unknown): Json => (value === undefined ? null : (value as Json));

/**
 * JSON with sorted object keys, so key order never counts as a difference. Sorted by code unit, not
 * localeCompare: any fixed order will do, and this runs at start, where the collator costs ~2 MiB (issue 15).
 */
const stableStringify = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'undefined';
