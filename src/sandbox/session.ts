import { autocompleteCandidates, completeLine, fuzzyCandidates, quoteValue, type MetaCommandHelp } from './complete.js';
import { parseCommandLine, toInteractionData, usageLines, type ChatInputData, type CommandDefinition, type GuildDirectory } from './parse-command.js';
import { renderMessage, type MessageAction, type MessagePayload, type RenderOptions } from './render-text.js';

// The sandbox's conversation: one line in (a slash command or a :meta command), rendered text out.
// It talks to the bot through a SandboxBackend (the stand-in plus the bot process), so the same
// session serves the interactive prompt, scripts and tests.

/** A message the bot sent: an interaction reply, a follow-up, or a post in a channel. */
export interface BotMessage {
  readonly id: string;
  readonly channelId: string;
  readonly authorName: string;
  readonly payload: MessagePayload;
  /** A channel post the bot edited after posting it. */
  readonly edited?: boolean;
}

/** What came of an interaction once it settled (deferred replies edited, follow-ups sent). */
export interface InteractionOutcome {
  /** The reply, or for a component the message as updated; null when the bot did not answer in time. */
  readonly response: BotMessage | null;
  readonly followUps: readonly BotMessage[];
}

export interface ClockSetting {
  readonly start: string;
  readonly rate: number;
}

export interface AutocompleteChoice {
  readonly name: string;
  readonly value: string | number;
}

export interface SandboxBackend {
  readonly botName: string;
  commands(): readonly CommandDefinition[];
  guild(): GuildDirectory;
  runCommand(data: ChatInputData): Promise<InteractionOutcome>;
  autocomplete(data: ChatInputData): Promise<readonly AutocompleteChoice[]>;
  clickComponent(message: BotMessage, action: MessageAction): Promise<InteractionOutcome>;
  channelMessages(channelId: string): readonly BotMessage[];
  /**
   * Restarts the bot on the same database with this replay clock (null: real time). Moving the clock
   * back re-plans the posts due from then on; `rewound` says how many.
   */
  setClock(clock: ClockSetting | null): Promise<void | { readonly rewound: number }>;
  /** The bot's "now" (the replay clock when one is set). */
  now(): Date;
  clock(): ClockSetting | null;
  /** The Discord client locale the sandbox's user has (`en-US`, `fr`, `pt-BR`…): sent as every interaction's `locale`. */
  locale(): string;
  setLocale(locale: string): void;
}

/** Discord's client locales (its reference's list): what `:locale` accepts. */
export const DISCORD_LOCALES: readonly string[] = [
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi',
  'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
];

export interface SessionOutput {
  /** A block of text for the transcript. */
  write(text: string): void;
}

export interface SessionOptions {
  readonly backend: SandboxBackend;
  readonly output: SessionOutput;
  readonly render?: Omit<RenderOptions, 'now' | 'names'>;
  /** Waits `ms`, or less when `signal` aborts; injectable so tests need no timers. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How long :wait-for and :repeat-until wait before failing. */
  readonly waitForTimeoutMs?: number;
}

export interface LineResult {
  readonly ok: boolean;
  readonly quit?: boolean;
}

export const META_COMMANDS: readonly MetaCommandHelp[] = [
  { name: 'help', usage: ':help [/command]', summary: 'commands, their options, and these meta-commands' },
  { name: 'clock', usage: ':clock [instant|real]', summary: "show or set the bot's clock, e.g. :clock 2023-11-25T12:00Z (restarts the bot)" },
  { name: 'speed', usage: ':speed <rate>', summary: 'replay speed: 3600 = one simulated hour per second (restarts the bot)' },
  { name: 'channel', usage: ':channel #name', summary: "a channel's history (what the bot posted there)" },
  { name: 'click', usage: ':click <n>', summary: 'click button [n] or pick select option [n.m] of the last message (or just type the number)' },
  { name: 'wait', usage: ':wait <duration>', summary: 'wait, e.g. :wait 2s, :wait 500ms, :wait 1m; channel posts show as they arrive' },
  { name: 'wait-for', usage: ':wait-for <text>', summary: 'wait until the bot posts or replies with text (fails after a timeout)' },
  {
    name: 'repeat-until',
    usage: ':repeat-until <text>',
    summary: 'run the last slash command again every 2 s until its reply has text, e.g. once a source updated (fails after a timeout)',
  },
  { name: 'expect', usage: ':expect <text>', summary: 'fail (in a script: exit 1) unless the last output contains text' },
  {
    name: 'locale',
    usage: ':locale [fr|pt-BR|en-US]',
    summary: "show or set your Discord client's locale: commands take its names, replies come in its language (Arabic: /language set)",
  },
  { name: 'quit', usage: ':quit', summary: 'stop the bot and the stand-in, and leave' },
];

/** How often :repeat-until runs its command again. */
export const REPEAT_EVERY_MS = 2_000;

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;

/** `2s`, `500ms`, `1.5m`, `1h`, or a bare number of seconds. */
export const parseDuration = (text: string): number | null => {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const n = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  return Math.round(n * factor);
};

/** `2023-11-25T12:00Z`, `2023-11-25 12:00`, `2023-11-25` (UTC unless an offset is given). */
export const parseInstant = (text: string): Date | null => {
  let t = text.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t += 'T00:00Z';
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : new Date(ms);
};

/** setTimeout that an AbortSignal cuts short (resolving, not rejecting). */
export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line.length > 0 ? `  ${line}` : line))
    .join('\n');

export interface Session {
  handleLine(line: string): Promise<LineResult>;
  /** A bot post in a channel, shown in the transcript as it arrives. */
  channelPost(message: BotMessage): void;
  complete(line: string): Promise<[string[], string]>;
  /** Everything written since the last command line (what :expect checks). */
  lastOutput(): string;
  /** Cuts a :wait or :wait-for short (Ctrl-C at the prompt). */
  interrupt(): void;
}

export const createSession = (opts: SessionOptions): Session => {
  const { backend, output } = opts;
  const sleep = opts.sleep ?? abortableSleep;
  let sinceLastCommand: string[] = [];
  let clickable: { message: BotMessage; actions: readonly MessageAction[] } | null = null;
  const waiters = new Set<{ text: string; resolve: () => void }>();
  let activeWait: { controller: AbortController; interrupted: boolean } | null = null;
  /**
   * Waits `ms`, or until `until` settles, or until interrupted (Ctrl-C). The timer never outlives
   * the wait, so a finished script exits at once.
   */
  const wait = async (ms: number, until?: Promise<unknown>): Promise<'elapsed' | 'done' | 'interrupted'> => {
    const current = { controller: new AbortController(), interrupted: false };
    activeWait = current;
    let done = false;
    void until?.then(() => {
      done = true;
      current.controller.abort();
    });
    try {
      await sleep(ms, current.controller.signal);
    } finally {
      activeWait = null;
    }
    if (current.interrupted) return 'interrupted';
    return done ? 'done' : 'elapsed';
  };

  /** `tracked: false` for the sandbox's own verdicts, which :expect must not match. */
  const write = (text: string, tracked = true): void => {
    if (tracked) sinceLastCommand.push(text);
    output.write(text);
    for (const waiter of waiters) {
      if (text.toLowerCase().includes(waiter.text.toLowerCase())) waiter.resolve();
    }
  };
  const fail = (text: string): LineResult => {
    write(`✗ ${text}`);
    return { ok: false };
  };

  const renderOptions = (): RenderOptions => {
    const guild = backend.guild();
    // Discord shows timestamps in the client's language: so does the sandbox once :locale changed it.
    const locale = backend.locale();
    return {
      ...opts.render,
      ...(locale !== 'en-US' ? { locale } : {}),
      now: backend.now(),
      names: {
        channel: (id) => guild.channels.find((c) => c.id === id)?.name,
        role: (id) => guild.roles.find((r) => r.id === id)?.name,
        user: (id) => guild.users.find((u) => u.id === id)?.username,
      },
    };
  };

  /** Writes a message; returns whether it has something to click. */
  const show = (message: BotMessage, heading: string): boolean => {
    const rendered = renderMessage(message.payload, renderOptions());
    write(`${heading}\n${indent(rendered.text)}`);
    if (!rendered.actions.some((a) => !a.disabled)) return false;
    clickable = { message, actions: rendered.actions };
    return true;
  };

  const showOutcome = (outcome: InteractionOutcome): LineResult => {
    if (!outcome.response) return fail(`${backend.botName} did not respond. (The bot's log is in the sandbox's temporary folder.)`);
    // Numbers typed next refer to the newest reply; a reply without buttons leaves nothing to click.
    if (!show(outcome.response, `${outcome.response.authorName}:`)) clickable = null;
    for (const followUp of outcome.followUps) show(followUp, `${followUp.authorName} (follow-up):`);
    return { ok: true };
  };

  const channelByName = (text: string) => {
    const name = text.trim().replace(/^#/, '').toLowerCase();
    return backend.guild().channels.find((c) => c.name.toLowerCase() === name || c.id === name);
  };

  /** The last slash command that reached the bot, for :repeat-until. */
  let lastSlashLine: string | null = null;

  /** Sends a slash command; a string is why it could not be sent. `note` shows the autocomplete picks. */
  const sendSlashCommand = async (line: string, note: (text: string) => void): Promise<InteractionOutcome | string> => {
    const guild = backend.guild();
    const parsed = parseCommandLine(line, backend.commands(), guild);
    if (!parsed.ok) return parsed.error;
    // Like Discord's client: an autocomplete option's typed text is offered to the bot, and the top
    // suggestion is what gets sent. With no suggestion the text goes as typed (the bot validates it).
    const picks = new Map<string, string | number | boolean>();
    for (const option of parsed.value.options.filter((o) => o.autocomplete)) {
      const choices = await backend.autocomplete(toInteractionData(parsed.value, guild, { focused: option.name, values: picks }));
      // A name picked from the list (Tab) is sent as that choice's value, like a click in Discord's list.
      const top = choices.find((c) => c.name.toLowerCase() === option.raw.toLowerCase()) ?? choices[0];
      if (top) {
        picks.set(option.name, top.value);
        note(`  ${option.name}: ${option.raw} → ${top.name}`);
      } else {
        note(`  ${option.name}: ${option.raw} → no suggestion; sent as typed`);
      }
    }
    return backend.runCommand(toInteractionData(parsed.value, guild, { values: picks }));
  };

  const slashCommand = async (line: string): Promise<LineResult> => {
    const outcome = await sendSlashCommand(line, (text) => write(text));
    if (typeof outcome === 'string') return fail(outcome);
    lastSlashLine = line;
    return showOutcome(outcome);
  };

  /**
   * The last slash command again, every REPEAT_EVERY_MS, until its reply contains `text`: only that
   * reply is shown (channel posts meanwhile show as they arrive).
   */
  const repeatUntil = async (text: string): Promise<LineResult> => {
    if (text === '') return fail('Until what? :repeat-until Final');
    const line = lastSlashLine;
    if (line === null) return fail('Nothing to repeat: type a slash command first.');
    const timeoutMs = opts.waitForTimeoutMs ?? 120_000;
    const contains = (outcome: InteractionOutcome): boolean =>
      [outcome.response, ...outcome.followUps].some(
        (message) => message !== null && renderMessage(message.payload, renderOptions()).text.toLowerCase().includes(text.toLowerCase()),
      );
    for (let tries = 1; ; tries += 1) {
      const outcome = await sendSlashCommand(line, () => undefined);
      if (typeof outcome === 'string') return fail(outcome);
      if (contains(outcome)) {
        write(`  ${line} sent ${tries} time${tries === 1 ? '' : 's'}`);
        return showOutcome(outcome);
      }
      if (tries * REPEAT_EVERY_MS >= timeoutMs) return fail(`No reply to ${line} contained "${text}" within ${Math.round(timeoutMs / 1000)}s.`);
      if ((await wait(REPEAT_EVERY_MS)) === 'interrupted') return fail('Interrupted.');
    }
  };

  const click = async (key: string): Promise<LineResult> => {
    if (!clickable) return fail('Nothing to click: the last messages have no buttons or menus.');
    const action = clickable.actions.find((a) => a.key === key);
    if (!action) {
      const keys = clickable.actions.filter((a) => !a.disabled).map((a) => a.key);
      return fail(`No [${key}] on the last message. Choose ${keys.join(', ')}.`);
    }
    if (action.disabled) return fail(`[${key}] ${action.label} is disabled.`);
    write(`  clicked [${key}] ${action.label}`);
    return showOutcome(await backend.clickComponent(clickable.message, action));
  };

  const clockLine = (): string => {
    const clock = backend.clock();
    if (!clock) return `Clock: real time, now ${backend.now().toISOString()}`;
    return `Clock: replay at ${clock.rate}× — bot time now ${backend.now().toISOString().replace(/\.\d+Z$/, 'Z')}`;
  };

  const help = (topic: string): LineResult => {
    const commands = backend.commands();
    if (topic.startsWith('/')) {
      const command = commands.find((c) => c.name === topic.slice(1).toLowerCase());
      if (!command) return fail(`No command ${topic}.`);
      const options = (command.options ?? []).flatMap((o) =>
        'options' in o && (o.type === 1 || o.type === 2) ? (o.options ?? []).map((s) => ({ ...s, name: `${o.name} ${s.name}` })) : [o],
      );
      write(
        [
          `/${command.name} — ${command.description}`,
          ...usageLines(command).map((u) => `  ${u}`),
          ...options.map((o) => `    ${o.name}: ${o.description}${'autocomplete' in o && o.autocomplete ? ' (autocomplete)' : ''}`),
        ].join('\n'),
      );
      return { ok: true };
    }
    const width = Math.max(...commands.map((c) => c.name.length)) + 2;
    write(
      [
        'Slash commands (type them as in Discord; options as name:value, quotes for spaces):',
        ...commands.map((c) => `  /${c.name.padEnd(width)}${c.description}`),
        '',
        '  e.g. /fixtures team:zam   /standings group:B   /announcements set channel:#matchday',
        '  :help /command shows its options. Tab completes commands, options and values.',
        '',
        'Meta-commands:',
        ...META_COMMANDS.map((m) => `  ${m.usage.padEnd(24)}${m.summary}`),
        '',
        'Also: a number such as 2 clicks button [2]; # starts a comment.',
      ].join('\n'),
    );
    return { ok: true };
  };

  const setClock = async (clock: ClockSetting | null): Promise<LineResult> => {
    write(clock ? `  restarting the bot with the clock at ${clock.start}, ${clock.rate}× …` : '  restarting the bot on real time …');
    const result = await backend.setClock(clock);
    const rewound = result?.rewound ?? 0;
    if (rewound > 0) write(`  clock moved back: ${rewound} post${rewound === 1 ? '' : 's'} due from then on will be posted again`);
    write(clockLine());
    return { ok: true };
  };

  const meta = async (name: string, arg: string): Promise<LineResult> => {
    switch (name) {
      case 'help':
      case 'h':
      case '?':
        return help(arg);
      case 'quit':
      case 'exit':
      case 'q':
        return { ok: true, quit: true };
      case 'clock': {
        if (arg === '') {
          write(clockLine());
          return { ok: true };
        }
        if (arg === 'real' || arg === 'off') return setClock(null);
        const instant = parseInstant(arg);
        if (!instant) return fail(`"${arg}" is not an instant. Try :clock 2023-11-25T12:00Z`);
        return setClock({ start: instant.toISOString(), rate: backend.clock()?.rate ?? 1 });
      }
      case 'speed': {
        const rate = Number(arg.replace(/x$/i, ''));
        if (!(rate > 0) || rate > 1_000_000) return fail('Speed is a positive number up to 1000000, e.g. :speed 3600');
        return setClock({ start: backend.now().toISOString(), rate });
      }
      case 'channel': {
        const channel = channelByName(arg);
        if (!channel) return fail(`No channel "${arg}". Channels: ${backend.guild().channels.map((c) => `#${c.name}`).join(', ')}`);
        const messages = backend.channelMessages(channel.id);
        if (messages.length === 0) {
          write(`#${channel.name} has no messages yet.`);
          return { ok: true };
        }
        write(`#${channel.name} — ${messages.length} message${messages.length === 1 ? '' : 's'}:`);
        for (const message of messages) show(message, `#${channel.name} · ${message.authorName}:`);
        return { ok: true };
      }
      case 'click':
        return click(arg);
      case 'wait': {
        const ms = parseDuration(arg);
        if (ms === null) return fail(`"${arg}" is not a duration. Try :wait 2s`);
        return (await wait(ms)) === 'interrupted' ? fail('Interrupted.') : { ok: true };
      }
      case 'wait-for': {
        if (arg === '') return fail('Wait for what? :wait-for Preview');
        const timeoutMs = opts.waitForTimeoutMs ?? 120_000;
        let waiter: { text: string; resolve: () => void } | undefined;
        const seen = new Promise<void>((resolve) => {
          waiter = { text: arg, resolve };
          waiters.add(waiter);
        });
        const outcome = await wait(timeoutMs, seen);
        if (waiter) waiters.delete(waiter);
        if (outcome === 'done') return { ok: true };
        return fail(outcome === 'interrupted' ? 'Interrupted.' : `Nothing containing "${arg}" arrived within ${Math.round(timeoutMs / 1000)}s.`);
      }
      case 'repeat-until':
        return repeatUntil(arg);
      case 'expect':
        return expect(arg);
      case 'locale': {
        if (arg === '') {
          write(`Locale: ${backend.locale()}`);
          return { ok: true };
        }
        const wanted = DISCORD_LOCALES.find((l) => l.toLowerCase() === arg.toLowerCase());
        // Discord has no Arabic client locale: Arabic is a /language choice, not a client setting.
        if (wanted === undefined) {
          const hint = /^ar\b/i.test(arg) ? ' Discord has no Arabic locale: use /language set language:ar.' : '';
          return fail(`"${arg}" is not a Discord locale. Try :locale fr, :locale pt-BR or :locale en-US.${hint}`);
        }
        backend.setLocale(wanted);
        write(`Locale: ${wanted} (your interactions now carry locale "${wanted}")`);
        return { ok: true };
      }
      default:
        return fail(`No meta-command :${name}. Try :help.`);
    }
  };

  let previousOutput = '';
  const expect = (text: string): LineResult => {
    if (text === '') return fail('Expect what? :expect <text>');
    if (previousOutput.toLowerCase().includes(text.toLowerCase())) {
      write(`  ✓ found "${text}"`, false);
      return { ok: true };
    }
    write(`✗ Expected the last output to contain "${text}".`, false);
    return { ok: false };
  };

  return {
    async handleLine(rawLine) {
      const line = rawLine.trim();
      if (line === '' || line.startsWith('#')) return { ok: true };
      // :expect looks at what the previous line produced (and what arrived since), so it keeps that.
      const isExpect = /^:expect\b/i.test(line);
      if (!isExpect) sinceLastCommand = [];
      else previousOutput = sinceLastCommand.join('\n');
      try {
        if (/^\d+(\.\d+)?$/.test(line)) return await click(line);
        if (line.startsWith(':')) {
          const [, name = '', arg = ''] = /^:(\S+)\s*(.*)$/s.exec(line) ?? [];
          return await meta(name.toLowerCase(), arg.trim());
        }
        if (line.startsWith('/')) return await slashCommand(line);
        return fail('Type a slash command (/standings), a meta-command (:help) or a button number.');
      } catch (err) {
        return fail(`Sandbox error: ${err instanceof Error ? err.message : String(err)}`);
      }
    },

    channelPost(message) {
      const channel = backend.guild().channels.find((c) => c.id === message.channelId);
      show(message, `#${channel?.name ?? message.channelId} · ${message.authorName}${message.edited ? ' (edited)' : ''}:`);
    },

    async complete(line) {
      const completion = completeLine(line, { commands: backend.commands(), guild: backend.guild(), metaCommands: META_COMMANDS });
      if (!completion.autocomplete) return [[...completion.candidates], completion.fragment];
      // Ask the bot, as Discord's client does while you type.
      const upToOption = line.slice(0, line.length - completion.fragment.length);
      const probe = `${upToOption}${completion.autocomplete.option}:${quoteValue(completion.autocomplete.typed)}`;
      const parsed = parseCommandLine(probe, backend.commands(), backend.guild(), { partial: true });
      if (!parsed.ok) return [[], completion.fragment];
      const choices = await backend.autocomplete(
        toInteractionData(parsed.value, backend.guild(), { focused: completion.autocomplete.option }),
      );
      return [fuzzyCandidates(autocompleteCandidates(completion.autocomplete.option, choices), completion.fragment), completion.fragment];
    },

    lastOutput: () => sinceLastCommand.join('\n'),

    interrupt() {
      if (!activeWait) return;
      activeWait.interrupted = true;
      activeWait.controller.abort();
    },
  };
};
