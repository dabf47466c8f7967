// The real bot against the echo bot (issue 15), each on its own stand-in built the same way, in one
// run: per-command latency (dispatch → interaction callback at the stand-in), ready time (spawn →
// first interaction answered) and memory after a forced GC. Calls alternate between the two bots, so
// a machine that gets busier or quieter half-way affects both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { startStandin, type ChatInputSpec, type InteractionCallbackBody, type Standin } from 'discord-standin';
import { anonOutsideMalloc, BENCH_APPLICATION_ID, BENCH_GUILD_ID, BENCH_TOKEN, spawnBenchBot, type BenchBot, type BotKind, type BotMemory, type LogLine } from './bot-process.js';
import { autocompletedOptions, commandMatrix, type CallArgs } from './matrix.js';
import { median, mib, summarize } from './stats.js';

/** Invokers, one per language the bot speaks; each picks its language with /language first. */
export const BENCH_USERS: readonly { readonly id: string; readonly language: string; readonly locale: string }[] = [
  { id: '1200000000000000001', language: 'en', locale: 'en-US' },
  { id: '1200000000000000002', language: 'fr', locale: 'fr' },
  { id: '1200000000000000003', language: 'ar', locale: 'en-GB' },
  { id: '1200000000000000004', language: 'pt', locale: 'pt-BR' },
];

const KINDS: readonly BotKind[] = ['bot', 'echo'];

export interface BenchEnv {
  /** The compiled src/: dist/ for `npm run bench`, a private build in the smoke test. */
  readonly distRoot: string;
  /** What the bot registers: the matrix and the echo stand-in's commands come from it. */
  readonly commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
  readonly log?: (line: string) => void;
  /** Extra node flags for both bots (profiling). */
  readonly extraFlags?: readonly string[];
}

export interface Pair {
  readonly standins: Readonly<Record<BotKind, Standin>>;
  readonly databasePath: string;
  close(): Promise<void>;
}

const guildSpecs = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    ...(i === 0 ? { id: BENCH_GUILD_ID, memberIds: BENCH_USERS.map((u) => u.id) } : {}),
    name: `Bench guild ${i + 1}`,
    channels: [{ name: 'general' }, { name: 'matchday', type: 5 as const }],
  }));

const newStandin = (guilds: number) =>
  startStandin({
    applicationId: BENCH_APPLICATION_ID,
    validTokens: [BENCH_TOKEN],
    guilds: guildSpecs(guilds),
    // Long enough for a bot that starts slowly on a busy machine; the deadline itself stays Discord's.
    callbackTimeoutMs: 10_000,
  });

/** Two identical stand-ins (one per bot) and one database directory for the real bot. */
export const openPair = async (env: BenchEnv, guilds = 1, databasePath?: string): Promise<Pair> => {
  const [bot, echo] = await Promise.all([newStandin(guilds), newStandin(guilds)]);
  // The echo bot registers nothing; the same commands are put into its stand-in so both receive
  // identical payloads (option types come from the registered command).
  const res = await fetch(`${echo.apiUrl}/v10/applications/${BENCH_APPLICATION_ID}/guilds/${BENCH_GUILD_ID}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(env.commands),
  });
  if (!res.ok) throw new Error(`registering commands in the echo stand-in: ${res.status} ${await res.text()}`);
  const dir = databasePath ? null : mkdtempSync(join(tmpdir(), 'caf-bench-db-'));
  return {
    standins: { bot, echo },
    databasePath: databasePath ?? join(dir!, 'bot.sqlite'),
    close: async () => {
      await Promise.all([bot.close(), echo.close()]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
};

const spec = (standin: Standin, call: CallArgs, user = BENCH_USERS[0]!): ChatInputSpec => ({
  kind: 'chatInput',
  guildId: BENCH_GUILD_ID,
  userId: user.id,
  locale: user.locale,
  name: call.name,
  ...(call.subcommand ? { subcommand: call.subcommand } : {}),
  options: Object.fromEntries(
    // The matrix's channel placeholder becomes this stand-in's own announcement channel.
    Object.entries(call.options).map(([k, v]) => [k, v === CHANNEL_PLACEHOLDER ? standin.channelByName(BENCH_GUILD_ID, 'matchday')!.id : v]),
  ),
});

const CHANNEL_PLACEHOLDER = '#matchday';

/** Dispatch → callback, in ms; a deferred reply is waited for (untimed) so calls never overlap. */
const timeCall = async (standin: Standin, input: ChatInputSpec): Promise<{ ms: number; answeredAt: number; body: InteractionCallbackBody }> => {
  const started = performance.now();
  const ix = standin.sendInteraction(input);
  const body = await ix.callback;
  const answeredAt = performance.now();
  if (body.type === 5) await ix.waitForOriginal((m) => m.content !== '' || (m.embeds?.length ?? 0) > 0, 10_000).catch(() => undefined);
  return { ms: answeredAt - started, answeredAt, body };
};

export interface StartedBot {
  readonly process: BenchBot;
  /** Spawn → first interaction answered. */
  readonly readyMs: number;
  readonly readyLine: LogLine;
}

/** Spawns one bot on its stand-in and times spawn → first interaction answered. */
export const startAndProbe = async (env: BenchEnv, kind: BotKind, standin: Standin, databasePath: string): Promise<StartedBot> => {
  const sessionsBefore = standin.sessions.length;
  const bot = spawnBenchBot({ kind, distRoot: env.distRoot, apiUrl: standin.apiUrl, databasePath, ...(env.extraFlags ? { extraFlags: env.extraFlags } : {}) });
  try {
    await Promise.race([
      standin.waitFor(() => standin.sessions.slice(sessionsBefore).find((s) => s.ready && !s.closed), 60_000, `${kind}: a ready session`),
      // A bot that dies on the way rejects here instead of leaving the wait to time out.
      bot.ready.then(() => new Promise<never>(() => undefined)),
    ]);
    // The first command as a fan would send it, the moment the gateway says the bot is there.
    const first = await timeCall(standin, spec(standin, { name: 'standings', options: {} }));
    const readyLine = await bot.ready;
    return { process: bot, readyMs: first.answeredAt - bot.spawnedAt, readyLine };
  } catch (err) {
    // Its output first: stopping removes the bot's working directory, and the log file with it.
    const output = bot.tail();
    await bot.stop(2_000);
    throw new Error(`${(err as Error).message}\n${kind} output:\n${output}`, { cause: err });
  }
};

/** Memory after ready: idle a moment (late GUILD_CREATEs, start-up timers), then a forced GC. */
const idleMemory = async (started: StartedBot, standin: Standin, idleMs: number): Promise<BotMemory> => {
  await standin.waitForReady(60_000);
  await sleep(idleMs);
  return started.process.memory();
};

export interface StartupReport {
  /** The first start on a new database (migrations, first import), per bot: reported, not a target. */
  readonly firstStartMs: Readonly<Record<BotKind, number>>;
  readonly readyMs: Readonly<Record<BotKind, number[]>>;
  readonly memory: Readonly<Record<BotKind, BotMemory[]>>;
  /** The real bot's ready line (data version, seasons). */
  readonly readyLine: LogLine;
}

/**
 * `runs` restarts of each bot, alternating, on a database the first (untimed) start created, as a
 * deploy or a crash restarts it: spawn → first answer, then idle memory after a forced GC.
 */
export const benchStartup = async (env: BenchEnv, pair: Pair, runs: number, idleMs = 1_000): Promise<StartupReport> => {
  const firstStartMs = { bot: 0, echo: 0 };
  const readyMs: Record<BotKind, number[]> = { bot: [], echo: [] };
  const memory: Record<BotKind, BotMemory[]> = { bot: [], echo: [] };
  let readyLine: LogLine = {};
  for (const kind of KINDS) {
    const started = await startAndProbe(env, kind, pair.standins[kind], pair.databasePath);
    firstStartMs[kind] = started.readyMs;
    await started.process.stop();
  }
  for (let run = 0; run < runs; run++) {
    for (const kind of run % 2 === 0 ? KINDS : [...KINDS].reverse()) {
      const started = await startAndProbe(env, kind, pair.standins[kind], pair.databasePath);
      readyMs[kind].push(started.readyMs);
      const idle = await idleMemory(started, pair.standins[kind], idleMs);
      memory[kind].push(idle);
      if (kind === 'bot') readyLine = started.readyLine;
      await started.process.stop();
      // Each run's figures, so the spread behind a median shows: resident anonymous pages vary most,
      // in the worker threads' malloc arenas or in V8's heap (its young generation), by run and by bot.
      env.log?.(`    run ${run + 1}/${runs} ${kind}: ready ${started.readyMs.toFixed(0)} ms, idle RSS ${mib(idle.rss)}${anonSplit(idle)}`);
    }
  }
  return { firstStartMs, readyMs, memory, readyLine };
};

/** ` (anonymous A: worker arenas W, the rest R)`, or what of it the platform gives. */
const anonSplit = (m: BotMemory): string => {
  const anon = m.detail?.rssAnon ?? null;
  const rest = anonOutsideMalloc(m);
  if (anon === null) return '';
  if (rest === null) return ` (anonymous ${mib(anon)})`;
  return ` (anonymous ${mib(anon)}: worker arenas ${mib(m.detail?.rssBy?.threadArenas ?? 0)}, V8 and the rest ${mib(rest)})`;
};

export interface GuildMemoryReport {
  readonly guilds: number;
  readonly memory: Readonly<Record<BotKind, BotMemory[]>>;
}

/**
 * Memory after ready with `guilds` guilds announced by the stand-in: `runs` restarts of each bot,
 * alternating, on one fresh pair of stand-ins and the database `databasePath` (already created, so
 * each run is a restart as in the start-up section, not a first import).
 */
export const benchGuildMemory = async (env: BenchEnv, guilds: number, databasePath: string, runs = 1, idleMs = 1_000): Promise<GuildMemoryReport> => {
  const pair = await openPair(env, guilds, databasePath);
  try {
    const memory: Record<BotKind, BotMemory[]> = { bot: [], echo: [] };
    for (let run = 0; run < runs; run++) {
      for (const kind of run % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        const started = await startAndProbe(env, kind, pair.standins[kind], pair.databasePath);
        memory[kind].push(await idleMemory(started, pair.standins[kind], idleMs));
        await started.process.stop();
      }
    }
    return { guilds, memory };
  } finally {
    await pair.close();
  }
};

/** One untimed start of the bot, so `databasePath` holds the migrated and imported database. */
export const prepareDatabase = async (env: BenchEnv, databasePath: string): Promise<void> => {
  const pair = await openPair(env, 1, databasePath);
  try {
    const started = await startAndProbe(env, 'bot', pair.standins.bot, pair.databasePath);
    await started.process.stop();
  } finally {
    await pair.close();
  }
};

export interface CommandReport {
  readonly command: string;
  readonly variants: number;
  readonly calls: number;
  readonly bot: ReturnType<typeof summarize>;
  readonly echo: ReturnType<typeof summarize>;
  /** Calls the bot answered privately (a user mistake, e.g. two teams that never met): the matrix's sanity. */
  readonly privateAnswers: number;
}

const EPHEMERAL = 1 << 6;

/**
 * Values for each autocompleted option (team, competition…) as the bot's own autocomplete offers them,
 * asked with a few prefixes so more than 25 come back; one command per option name.
 */
const autocompleteValues = async (env: BenchEnv, standin: Standin): Promise<Map<string, string[]>> => {
  const byOption = new Map<string, string[]>();
  for (const command of env.commands) {
    for (const { subcommand, option } of autocompletedOptions(command)) {
      if (byOption.has(option)) continue;
      const values = new Set<string>();
      for (const typed of ['', 'a', 'e', 'i', 'o', 'u', 'r', 's']) {
        const ix = standin.sendInteraction({
          kind: 'autocomplete',
          guildId: BENCH_GUILD_ID,
          name: command.name,
          ...(subcommand ? { subcommand } : {}),
          focused: option,
          options: { [option]: typed },
        });
        const body = await ix.callback;
        for (const choice of (body.data as { choices?: { value: string }[] } | undefined)?.choices ?? []) values.add(choice.value);
      }
      byOption.set(option, [...values]);
    }
  }
  return byOption;
};

/**
 * Both bots up on `pair`, every invoker's language chosen, then each command's matrix cycled until
 * `calls` calls, alternating bot and echo call by call. `warmup` untimed calls per command first.
 */
export const benchCommands = async (
  env: BenchEnv,
  pair: Pair,
  opts: { calls: number; warmup: number; only?: readonly string[] },
): Promise<{ reports: CommandReport[]; readyLine: LogLine; autocompleted: ReadonlyMap<string, readonly string[]> }> => {
  const started: Partial<Record<BotKind, StartedBot>> = {};
  try {
    for (const kind of KINDS) started[kind] = await startAndProbe(env, kind, pair.standins[kind], pair.databasePath);
    const botStandin = pair.standins.bot;
    for (const user of BENCH_USERS) {
      for (const kind of KINDS) {
        await timeCall(pair.standins[kind], spec(pair.standins[kind], { name: 'language', subcommand: 'set', options: { language: user.language, scope: 'me' } }, user));
      }
    }
    const autocompleted = await autocompleteValues(env, botStandin);
    const inputs = { autocompleteValues: autocompleted, channelId: CHANNEL_PLACEHOLDER };
    const reports: CommandReport[] = [];
    for (const command of env.commands) {
      if (opts.only && !opts.only.includes(command.name)) continue;
      const matrix = commandMatrix(command, inputs);
      if (matrix.length === 0) continue;
      const samples: Record<BotKind, number[]> = { bot: [], echo: [] };
      let privateAnswers = 0;
      for (let i = 0; i < opts.warmup + opts.calls; i++) {
        const call = matrix[i % matrix.length]!;
        const user = BENCH_USERS[i % BENCH_USERS.length]!;
        for (const kind of i % 2 === 0 ? KINDS : [...KINDS].reverse()) {
          const standin = pair.standins[kind];
          const { ms, body } = await timeCall(standin, spec(standin, call, user));
          if (i < opts.warmup) continue;
          samples[kind].push(ms);
          if (kind === 'bot' && ((body.data as { flags?: number } | undefined)?.flags ?? 0) & EPHEMERAL) privateAnswers++;
        }
      }
      const report = { command: command.name, variants: matrix.length, calls: opts.calls, bot: summarize(samples.bot), echo: summarize(samples.echo), privateAnswers };
      reports.push(report);
      env.log?.(`    /${command.name}: ${matrix.length} variants, ${opts.calls} calls each bot`);
    }
    return { reports, readyLine: started.bot!.readyLine, autocompleted };
  } finally {
    for (const kind of KINDS) await started[kind]?.process.stop();
  }
};

export { median };
