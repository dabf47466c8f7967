import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { pino } from 'pino';
import { startStandin, type InteractionHandle, type Standin } from 'discord-standin';
import { startBotProcess, type BotLogEntry, type BotProcess } from './bot-process.js';
import type { ChatInputData, CommandDefinition, GuildDirectory, InteractionDataOption } from './parse-command.js';
import type { MessageAction } from './render-text.js';
import { rewindLedger } from './rewind.js';
import type { AutocompleteChoice, BotMessage, ClockSetting, InteractionOutcome, SandboxBackend } from './session.js';

// The sandbox's world: the local Discord stand-in with one guild, and the real bot (child process)
// logged in to it. Presented to the session as a SandboxBackend.

export const SANDBOX_GUILD = 'Sandbox FC';
export const SANDBOX_USER = 'sandbox-user';
export const BOT_USERNAME = 'caf-confed-bot';

const LOADING_FLAG = 128;
/** A deferred reply may take a while; Discord allows 15 minutes, the sandbox waits this long. */
const DEFERRED_WAIT_MS = 15_000;
/** Follow-ups sent right after the response are shown with it. */
const FOLLOW_UP_GRACE_MS = 60;

export interface SandboxWorldOptions {
  /** Database, logs; removed by the caller. */
  readonly dir: string;
  readonly clock?: ClockSetting | null;
  /** The bot's SEASON_FILES (absolute paths); default: every data/seasons/*.json. */
  readonly seasonFiles?: readonly string[];
  /** Make the sandbox's server the editor server (EDITOR_GUILD_ID), so /edit can be tried there. */
  readonly editorServer?: boolean;
  /** A post by the bot in a channel (not an interaction reply), as it arrives. */
  readonly onChannelPost: (message: BotMessage) => void;
  /** Bot errors worth showing in the transcript. */
  readonly onProblem: (text: string) => void;
  readonly readyTimeoutMs?: number;
}

export interface SandboxWorld {
  readonly backend: SandboxBackend;
  readonly standin: Standin;
  readonly botLogFile: string;
  readonly standinLogFile: string;
  /** Stops the bot, then the stand-in. */
  close(): Promise<void>;
  /** Last resort on process exit: kill the bot without waiting. */
  killNow(): void;
}

const toBotMessage = (message: APIMessage, edited = false): BotMessage => ({
  id: message.id,
  channelId: message.channel_id,
  authorName: message.author.global_name ?? message.author.username,
  payload: { content: message.content, embeds: message.embeds, components: message.components ?? [], flags: message.flags ?? 0 },
  ...(edited ? { edited } : {}),
});

/** The stand-in's interaction spec from the interaction data the parser built. */
const toSpec = (data: ChatInputData) => {
  let options: readonly InteractionDataOption[] = data.options ?? [];
  let subcommandGroup: string | undefined;
  let subcommand: string | undefined;
  if (options[0]?.type === 2) {
    subcommandGroup = options[0].name;
    options = options[0].options ?? [];
  }
  if (options[0]?.type === 1) {
    subcommand = options[0].name;
    options = options[0].options ?? [];
  }
  const values = Object.fromEntries(options.map((o) => [o.name, o.value ?? '']));
  return {
    name: data.name,
    ...(subcommandGroup ? { subcommandGroup } : {}),
    ...(subcommand ? { subcommand } : {}),
    options: values,
    focused: options.find((o) => o.focused === true)?.name,
  };
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const startSandboxWorld = async (opts: SandboxWorldOptions): Promise<SandboxWorld> => {
  const standinLogFile = join(opts.dir, 'standin.log');
  const botLogFile = join(opts.dir, 'bot.log');
  const databasePath = join(opts.dir, 'bot.sqlite');
  const standin = await startStandin({
    botUsername: BOT_USERNAME,
    log: pino({ name: 'standin', level: 'info' }, pino.destination({ dest: standinLogFile, sync: true })),
  });

  const user = standin.addUser({ username: SANDBOX_USER, globalName: 'You' });
  const guild = standin.addGuild({
    name: SANDBOX_GUILD,
    ownerId: user.id,
    channels: [{ name: 'general' }, { name: 'matchday', topic: 'Matchday previews and results' }],
    roles: [
      { name: 'Admins', permissions: ['Administrator'], mentionable: false },
      // The role README §5 uses: `/announcements set channel:#matchday role:@Matchday` works as written.
      { name: 'Matchday', mentionable: true },
    ],
  });
  const adminRole = [...guild.roles.values()].find((r) => r.name === 'Admins');
  standin.addMember(guild.id, user.id, adminRole ? [adminRole.id] : []);
  const general = standin.channelByName(guild.id, 'general');
  if (!general) throw new Error('sandbox: #general was not created');

  const directory = (): GuildDirectory => ({
    id: guild.id,
    channels: guild.channelIds.flatMap((id) => {
      const c = standin.channel(id);
      return c ? [{ id: c.id, name: c.name, type: c.type }] : [];
    }),
    roles: [...guild.roles.values()].filter((r) => !r.managed).map((r) => ({ id: r.id, name: r.name })),
    users: [...guild.members.keys()].flatMap((id) => {
      const u = standin.state.users.get(id);
      return u ? [{ id: u.id, username: u.username }] : [];
    }),
  });

  // Bot posts in channels (announcements) show up as they arrive; interaction replies are shown by the session.
  standin.state.events.on('dispatch', (event: { t: string; d: unknown }) => {
    if (event.t !== 'MESSAGE_CREATE' && event.t !== 'MESSAGE_UPDATE') return;
    const message = event.d as APIMessage;
    if (message.author?.id !== standin.bot.id || message.interaction_metadata || message.webhook_id) return;
    opts.onChannelPost(toBotMessage(message, event.t === 'MESSAGE_UPDATE'));
  });

  let clock: ClockSetting | null = opts.clock ?? null;
  let clockAnchor: { simulatedMs: number; realMs: number; rate: number } | null = null;
  let bot: BotProcess | null = null;

  const launch = async (): Promise<void> => {
    const env: Record<string, string> = {
      DISCORD_TOKEN: 'sandbox-token',
      DISCORD_APPLICATION_ID: standin.application.id,
      DISCORD_GUILD_ID: guild.id,
      DISCORD_API_URL: standin.apiUrl,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'info',
      ...(clock ? { BOT_CLOCK_START: clock.start, BOT_CLOCK_RATE: String(clock.rate) } : {}),
      ...(opts.seasonFiles ? { SEASON_FILES: opts.seasonFiles.join(',') } : {}),
      // The sandbox user is an admin (Manage Server): with no editor role, that is what /edit asks.
      ...(opts.editorServer ? { EDITOR_GUILD_ID: guild.id } : {}),
    };
    bot = await startBotProcess({
      env,
      cwd: opts.dir,
      logFile: botLogFile,
      readyTimeoutMs: opts.readyTimeoutMs ?? 60_000,
      onLog: (entry: BotLogEntry) => {
        if ((entry.level ?? 0) >= 50) opts.onProblem(`bot error: ${entry.msg ?? 'unknown'}${entry.ref ? ` (ref ${String(entry.ref)})` : ''} — see ${botLogFile}`);
      },
      onUnexpectedExit: (code, signal) =>
        opts.onProblem(`the bot stopped (${signal ?? `exit code ${code}`}); its log is ${botLogFile}. :clock restarts it.`),
    });
    // The bot's own ready line says what its clock read; the sandbox's copy starts from there.
    const ready = bot.ready;
    clockAnchor = ready.clock ? { simulatedMs: Date.parse(ready.clock.now), realMs: ready.receivedAt, rate: ready.clock.rate } : null;
    await standin.waitFor(() => standin.commands(guild.id).length > 0 || standin.commands().length > 0, 10_000, 'registered commands');
  };

  const stopBot = async (): Promise<void> => {
    const running = bot;
    bot = null;
    await running?.stop();
  };

  const settle = async (ix: InteractionHandle): Promise<InteractionOutcome> => {
    let callback;
    try {
      callback = await ix.callback;
    } catch {
      return { response: null, followUps: [] };
    }
    let message: APIMessage | null = ix.original();
    if (callback.type === 5) {
      message = await ix.waitForOriginal((m) => ((m.flags ?? 0) & LOADING_FLAG) === 0, DEFERRED_WAIT_MS).catch(() => ix.original());
    } else if (callback.type === 6) {
      await standin.waitFor(() => ix.edits().length > 0, DEFERRED_WAIT_MS).catch(() => null);
      message = ix.original();
    }
    await sleep(FOLLOW_UP_GRACE_MS);
    const followUps = ix.followUps().filter((m) => m.id !== message?.id);
    return { response: message ? toBotMessage(message) : null, followUps: followUps.map((m) => toBotMessage(m)) };
  };

  // The user's Discord client locale, set with :locale: every interaction carries it, as Discord's do.
  let locale = 'en-US';
  const invoker = (): { readonly userId: string; readonly guildId: string; readonly locale: string } => ({ userId: user.id, guildId: guild.id, locale });

  const backend: SandboxBackend = {
    botName: BOT_USERNAME,
    commands: (): readonly CommandDefinition[] => {
      const registered = standin.commands(guild.id);
      const list = registered.length > 0 ? registered : standin.commands();
      return list.filter((c) => c.type === undefined || c.type === 1);
    },
    guild: directory,
    runCommand: (data) => {
      const { focused: _focused, ...spec } = toSpec(data);
      return settle(standin.sendInteraction({ kind: 'chatInput', ...invoker(), channelId: general.id, ...spec }));
    },
    autocomplete: async (data): Promise<readonly AutocompleteChoice[]> => {
      const { focused, ...spec } = toSpec(data);
      const ix = standin.sendInteraction({ kind: 'autocomplete', ...invoker(), channelId: general.id, ...spec, focused: focused ?? '' });
      try {
        const callback = await ix.callback;
        const choices = (callback.data?.choices ?? []) as AutocompleteChoice[];
        return choices;
      } catch {
        return [];
      }
    },
    clickComponent: (message: BotMessage, action: MessageAction) =>
      settle(
        standin.sendInteraction(
          action.kind === 'button'
            ? { kind: 'button', ...invoker(), channelId: message.channelId, customId: action.customId, message: message.id }
            : { kind: 'select', ...invoker(), channelId: message.channelId, customId: action.customId, values: [action.value], message: message.id },
        ),
      ),
    channelMessages: (channelId) => standin.messages(channelId).map((m) => toBotMessage(m)),
    setClock: async (next) => {
      const before = backend.now().getTime();
      await stopBot();
      // Moved back: posts due from the new instant are owed again (the bot re-plans them as it starts).
      const from = next === null ? null : Date.parse(next.start);
      const rewound = from !== null && from < before ? rewindLedger(databasePath, from) : 0;
      clock = next;
      await launch();
      return { rewound };
    },
    locale: () => locale,
    setLocale: (next) => {
      locale = next;
    },
    now: () => {
      if (!clockAnchor) return new Date();
      return new Date(clockAnchor.simulatedMs + (Date.now() - clockAnchor.realMs) * clockAnchor.rate);
    },
    clock: () => (clockAnchor ? { start: clock?.start ?? new Date(clockAnchor.simulatedMs).toISOString(), rate: clockAnchor.rate } : null),
  };

  try {
    await launch();
  } catch (err) {
    await standin.close();
    throw err;
  }

  let closing: Promise<void> | null = null;
  return {
    backend,
    standin,
    botLogFile,
    standinLogFile,
    close: () => {
      closing ??= (async () => {
        await stopBot();
        await standin.close();
      })();
      return closing;
    },
    killNow: () => {
      void bot?.stop();
    },
  };
};
