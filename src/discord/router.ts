import { performance } from 'node:perf_hooks';
import {
  Events,
  MessageFlags,
  type AutocompleteInteraction,
  type Client,
  type Interaction,
  type MessageComponentInteraction,
} from 'discord.js';
import { isUserError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import type { Translator } from '../i18n/index.js';
import { commandWord } from '../i18n/commands.js';
import { replyTranslator } from './commands/language.js';
import type { Command, CommandContext } from './commands/types.js';
import { bugContent, escapeMessage, isIgnorableReplyError, sendEphemeral, userErrorContent } from './reply.js';

/** What happened to one interaction; the field every log query filters on. */
export type Outcome =
  | 'ok'
  | 'user_error'
  | 'error'
  /** Discord refused the answer as too late (10062) or already given (40060): nobody is left to tell. */
  | 'expired'
  | 'unknown_command'
  | 'unsupported'
  | 'dropped';

/** One interaction as its summary log line records it, for an observer such as the metrics. */
export interface InteractionSummary {
  readonly kind: string;
  readonly command: string | null;
  readonly outcome: Outcome;
  readonly latencyMs: number;
}

/** A handler past this had almost used up Discord's 3-second window: it should declare `defer`. */
const SLOW_MS = 2_000;

export interface Router {
  /** Handles one interaction. Never throws: this is the error boundary. */
  handle(interaction: Interaction): Promise<void>;
  /** Registers the single interactionCreate listener. */
  attach(client: Client): void;
  /** Stops accepting interactions, then waits (at most `timeoutMs`) for those in flight. */
  close(timeoutMs?: number): Promise<void>;
}

export const buildCommandMap = (commands: readonly Command[]): ReadonlyMap<string, Command> => {
  const map = new Map<string, Command>();
  for (const command of commands) {
    if (map.has(command.data.name)) throw new Error(`duplicate command name: ${command.data.name}`);
    map.set(command.data.name, command);
  }
  return map;
};

/** Component custom ids are `<command>:<state…>`; the prefix picks the command. */
const commandOfCustomId = (customId: string): string => customId.split(':', 1)[0] ?? '';

export const createRouter = (deps: {
  commands: readonly Command[];
  ctx: CommandContext;
  log: Logger;
  /** Told of every interaction once it is handled (metrics). Must not throw; a throw is logged and ignored. */
  onInteraction?: (summary: InteractionSummary) => void;
}): Router => {
  const byName = buildCommandMap(deps.commands);
  const interactionContext = interactionContexts(deps.ctx);
  const log = deps.log.child({ component: 'router' });
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  let listener: ((interaction: Interaction) => void) | null = null;
  let attachedTo: Client | null = null;

  const handle = async (interaction: Interaction): Promise<void> => {
    const started = performance.now();
    const fields = {
      kind: kindOf(interaction),
      command: nameOf(interaction),
      interactionId: interaction.id,
      guildId: interaction.guildId,
      userId: interaction.user.id,
    };
    let outcome: Outcome = 'ok';
    let failure: unknown = null;
    let deferred = false;
    const ctx = interactionContext(interaction);

    try {
      if (closing) {
        outcome = 'dropped';
      } else if (interaction.isAutocomplete()) {
        outcome = await autocomplete(interaction, byName.get(interaction.commandName), ctx, log);
      } else if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) {
          outcome = 'unknown_command';
          // The name comes from the payload: a forged one is echoed escaped like any user input.
          await sendEphemeral(interaction, escapeMessage(`Unknown command: /${interaction.commandName}.`), log);
        } else {
          if (command.defer) {
            deferred = true;
            await interaction.deferReply(command.defer === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
          }
          await command.execute(interaction, ctx);
        }
      } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
        const command = byName.get(commandOfCustomId(interaction.customId));
        const handler = interaction.isButton() ? command?.button : command?.select;
        if (!command || !handler) {
          outcome = 'unknown_command';
          await sendEphemeral(interaction, 'This control is no longer supported. Run the command again.', log);
        } else {
          await (handler as (i: MessageComponentInteraction, c: CommandContext) => Promise<void>).call(
            command,
            interaction,
            ctx,
          );
        }
      } else {
        outcome = 'unsupported';
      }
    } catch (err) {
      failure = err;
      if (isUserError(err)) {
        outcome = 'user_error';
        if (interaction.isRepliable()) await sendEphemeral(interaction, userErrorContent(err, safeTranslator(ctx, log), pickerOptionName(interaction)), log);
      } else if (isIgnorableReplyError(err)) {
        // Too late (a blocked event loop, a slow handler) or answered by another instance with the same token.
        outcome = 'expired';
      } else {
        outcome = 'error';
        if (interaction.isRepliable()) await sendEphemeral(interaction, bugContent(interaction.id, safeTranslator(ctx, log)), log);
      }
    }

    const latencyMs = Math.round(performance.now() - started);
    const line = { ...fields, latencyMs, outcome };
    if (outcome === 'error') {
      log.error({ ...line, ref: interaction.id, err: failure }, 'interaction failed');
    } else if (outcome === 'expired') {
      const ageMs = Date.now() - interaction.createdTimestamp;
      log.warn({ ...line, ageMs, code: (failure as { code?: unknown }).code }, 'interaction expired or already answered');
    } else if (outcome === 'user_error') {
      log.info({ ...line, userError: (failure as Error).message }, 'interaction');
    } else if (latencyMs > SLOW_MS && !deferred) {
      log.warn({ ...line, slow: true }, 'interaction handled close to the 3 s deadline; declare `defer` on the command');
    } else if (fields.kind === 'autocomplete') {
      // Autocomplete fires on every keystroke: keep it out of the info log.
      log.debug(line, 'interaction');
    } else {
      log.info(line, 'interaction');
    }
    try {
      deps.onInteraction?.({ kind: fields.kind, command: fields.command, outcome, latencyMs });
    } catch (err) {
      log.warn({ err, interactionId: interaction.id }, 'interaction observer failed');
    }
  };

  const track = (interaction: Interaction): void => {
    const done = handle(interaction).finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  return {
    handle,
    attach(client) {
      if (listener) throw new Error('router already attached');
      listener = track;
      attachedTo = client;
      client.on(Events.InteractionCreate, listener);
    },
    async close(timeoutMs = 2_000) {
      closing = true;
      if (listener && attachedTo) attachedTo.off(Events.InteractionCreate, listener);
      listener = null;
      if (inFlight.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), timeout]);
      clearTimeout(timer);
    },
  };
};

/**
 * An option's name as the user's command picker shows it (`équipe` for a French client), so an error
 * names what the user sees; the English name where the command has no such localisation.
 */
const pickerOptionName =
  (interaction: Interaction) =>
  (name: string): string => {
    if (!interaction.isChatInputCommand()) return name;
    try {
      const path = [interaction.commandName];
      const group = interaction.options.getSubcommandGroup(false);
      const sub = interaction.options.getSubcommand(false);
      if (group !== null) path.push('options', group);
      if (sub !== null) path.push('options', sub);
      return commandWord(interaction.locale ?? null, [...path, 'options', name]);
    } catch {
      return name;
    }
  };

/** The reply's language for a bug reply; English when resolving it fails too (the bug may be there). */
const safeTranslator = (ctx: CommandContext, log: Logger): Translator | undefined => {
  try {
    return ctx.tr;
  } catch (err) {
    log.warn({ err }, 'reply language not resolved for an error reply');
    return undefined;
  }
};

/** Where an interaction's context keeps what its reply language is resolved from, and then the translator. */
const REPLY_LANGUAGE = Symbol('reply language');

interface ReplyLanguage {
  readonly interaction: Interaction;
  readonly root: CommandContext;
  tr: Translator | undefined;
}

/**
 * The prototype of every interaction's context: its `tr`, resolved on first use and kept. One getter
 * shared by every context (not a closure per interaction, nor Object.defineProperty on a spread copy:
 * either made each context a dictionary-mode object, ~4 µs to build and slower to read).
 */
const lazyTranslator = {
  get tr(): Translator {
    const language = (this as unknown as { readonly [REPLY_LANGUAGE]: ReplyLanguage })[REPLY_LANGUAGE];
    return (language.tr ??= replyTranslator(language.interaction, language.root));
  },
};

/**
 * The bot's context plus this interaction's reply language: every property of the root context, read
 * once per interaction (the catalog is a getter: one data version for the whole reply), and a `tr`
 * resolved on first use and kept (one read of the stored choices per interaction at most; none for an
 * autocomplete that does not need it), so every part of one reply speaks the same language. `tr` is
 * inherited, not an own property: a copy `{ ...ctx }` has none and resolves the same language itself.
 */
const interactionContexts = (root: CommandContext): ((interaction: Interaction) => CommandContext) => {
  const keys = Object.keys(root).filter((key) => key !== 'tr');
  return (interaction) => {
    const ctx = Object.create(lazyTranslator) as Record<string | symbol, unknown>;
    for (const key of keys) ctx[key] = (root as unknown as Record<string, unknown>)[key];
    ctx[REPLY_LANGUAGE] = { interaction, root, tr: undefined } satisfies ReplyLanguage;
    return ctx as unknown as CommandContext;
  };
};

/**
 * Autocomplete can only be answered with choices: on a failure, answer with none, then rethrow so
 * the one summary line of `handle` records it (`expired` when Discord had already given up: a
 * second answer would be refused too, so none is tried).
 */
const autocomplete = async (
  interaction: AutocompleteInteraction,
  command: Command | undefined,
  ctx: CommandContext,
  log: Logger,
): Promise<Outcome> => {
  try {
    if (!command?.autocomplete) {
      await interaction.respond([]);
      return command ? 'ok' : 'unknown_command';
    }
    await command.autocomplete(interaction, ctx);
    return 'ok';
  } catch (err) {
    if (!isIgnorableReplyError(err) && !interaction.responded) {
      try {
        await interaction.respond([]);
      } catch (respondErr) {
        if (!isIgnorableReplyError(respondErr)) log.warn({ err: respondErr, interactionId: interaction.id }, 'empty autocomplete answer failed');
      }
    }
    throw err;
  }
};

const kindOf = (interaction: Interaction): string => {
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isChatInputCommand()) return 'command';
  if (interaction.isButton()) return 'button';
  if (interaction.isStringSelectMenu()) return 'select';
  return 'other';
};

const nameOf = (interaction: Interaction): string | null => {
  if (interaction.isAutocomplete() || interaction.isChatInputCommand()) return interaction.commandName;
  if (interaction.isButton() || interaction.isStringSelectMenu()) return commandOfCustomId(interaction.customId);
  return null;
};
